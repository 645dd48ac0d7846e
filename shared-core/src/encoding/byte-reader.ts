import { DecodeError } from './decode-error.js';

// ignoreBOM: a string may start with U+FEFF, which is text here, not a byte-order mark.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads what ByteWriter wrote; every malformed or truncated input throws DecodeError. */
export class ByteReader {
  private offset = 0;

  constructor(private readonly buffer: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.buffer.length;
  }

  get position(): number {
    return this.offset;
  }

  fail(message: string): never {
    throw new DecodeError(message, this.offset);
  }

  byte(): number {
    const value = this.buffer[this.offset];
    if (value === undefined) this.fail('unexpected end of input');
    this.offset++;
    return value;
  }

  uint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (!Number.isSafeInteger(result)) this.fail('integer out of range');
        return result;
      }
      scale *= 0x80;
    }
    return this.fail('varint too long');
  }

  int(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  /** A count of items still to come, checked against the bytes left so a corrupt count cannot allocate. */
  count(minBytesPerItem = 1): number {
    const n = this.uint();
    if (n * minBytesPerItem > this.buffer.length - this.offset)
      this.fail(`count ${n} exceeds input`);
    return n;
  }

  float64(): number {
    if (this.offset + 8 > this.buffer.length) this.fail('unexpected end of input');
    const value = new DataView(
      this.buffer.buffer,
      this.buffer.byteOffset + this.offset,
      8,
    ).getFloat64(0, true);
    this.offset += 8;
    return value;
  }

  bytes(): Uint8Array {
    const n = this.count();
    const value = this.buffer.slice(this.offset, this.offset + n);
    this.offset += n;
    return value;
  }

  string(): string {
    const n = this.count();
    const slice = this.buffer.subarray(this.offset, this.offset + n);
    this.offset += n;
    try {
      return utf8.decode(slice);
    } catch {
      return this.fail('invalid UTF-8');
    }
  }

  end(): void {
    if (!this.done) this.fail(`${this.buffer.length - this.offset} trailing bytes`);
  }
}
