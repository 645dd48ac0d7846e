const utf8 = new TextEncoder();

/** Strings up to this many UTF-16 units are first tried as ASCII, byte by byte. */
const SHORT_STRING = 64;
/** The largest buffer kept for reuse. */
const SPARE_MAX = 64 * 1024;

// A buffer no writer holds: the next writer starts in it instead of allocating. A writer gives
// its buffer up when it finishes or outgrows it, and keeps writing into a copy of its own, so the
// bytes `finish` returned are never written again. Most encodings are small and short-lived.
let spare: Uint8Array | undefined;

function release(buffer: Uint8Array): void {
  if (spare === undefined && buffer.length <= SPARE_MAX) spare = buffer;
}

/** An append-only buffer of the compact binary encoding: varints, strings, doubles. */
export class ByteWriter {
  private buffer: Uint8Array;
  private length = 0;
  /** False once `buffer` is the array `finish` returned, which must never be lent out. */
  private owned = true;

  constructor() {
    this.buffer = spare ?? new Uint8Array(256);
    spare = undefined;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = Math.max(this.buffer.length * 2, 64);
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    if (this.owned) release(this.buffer);
    this.buffer = next;
    this.owned = true;
  }

  byte(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value & 0xff;
  }

  /** Unsigned LEB128 of a non-negative safe integer. */
  uint(value: number): void {
    if (value >= 0 && value < 0x80 && (value | 0) === value) {
      this.ensure(1);
      this.buffer[this.length++] = value;
      return;
    }
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`cannot encode ${value} as an unsigned integer`);
    }
    this.ensure(8);
    while (value > 0x7fffffff) {
      this.buffer[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    while (value >= 0x80) {
      this.buffer[this.length++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    this.buffer[this.length++] = value;
  }

  /** Zig-zag LEB128 of a safe integer. */
  int(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`cannot encode ${value} as an integer`);
    this.uint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  float64(value: number): void {
    this.ensure(8);
    new DataView(this.buffer.buffer, this.buffer.byteOffset + this.length, 8).setFloat64(
      0,
      value,
      true,
    );
    this.length += 8;
  }

  bytes(value: Uint8Array): void {
    this.uint(value.length);
    this.ensure(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }

  string(value: string): void {
    // Worst case three bytes per UTF-16 unit; the length prefix is written after encoding.
    const max = value.length * 3;
    this.ensure(max + 5);
    const start = this.length;
    const lengthBytes = max < 0x80 ? 1 : max < 0x4000 ? 2 : max < 0x200000 ? 3 : 5;
    const at = start + lengthBytes;
    let written = value.length <= SHORT_STRING ? this.ascii(value, at) : -1;
    if (written < 0) written = utf8.encodeInto(value, this.buffer.subarray(at, at + max)).written;
    // Write the real length in exactly `lengthBytes` bytes (padded LEB128 is still valid LEB128).
    let n = written;
    for (let i = 0; i < lengthBytes; i++) {
      const last = i === lengthBytes - 1;
      this.buffer[start + i] = (n % 0x80) | (last ? 0 : 0x80);
      n = Math.floor(n / 0x80);
    }
    this.length = at + written;
  }

  /** Writes `value` at `at` if it is ASCII, whose UTF-8 is its code units; -1 if it is not. */
  private ascii(value: string, at: number): number {
    const buffer = this.buffer;
    for (let i = 0; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      if (unit >= 0x80) return -1;
      buffer[at + i] = unit;
    }
    return value.length;
  }

  finish(): Uint8Array {
    const bytes = this.buffer.slice(0, this.length);
    if (this.owned) release(this.buffer);
    this.buffer = bytes;
    this.owned = false;
    return bytes;
  }
}
