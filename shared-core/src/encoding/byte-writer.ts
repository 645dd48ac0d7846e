const utf8 = new TextEncoder();

/** An append-only buffer of the compact binary encoding: varints, strings, doubles. */
export class ByteWriter {
  private buffer = new Uint8Array(64);
  private length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  byte(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value & 0xff;
  }

  /** Unsigned LEB128 of a non-negative safe integer. */
  uint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`cannot encode ${value} as an unsigned integer`);
    }
    this.ensure(8);
    while (value >= 0x80) {
      this.buffer[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
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
    const { written } = utf8.encodeInto(
      value,
      this.buffer.subarray(start + lengthBytes, start + lengthBytes + max),
    );
    // Write the real length in exactly `lengthBytes` bytes (padded LEB128 is still valid LEB128).
    let n = written;
    for (let i = 0; i < lengthBytes; i++) {
      const last = i === lengthBytes - 1;
      this.buffer[start + i] = (n % 0x80) | (last ? 0 : 0x80);
      n = Math.floor(n / 0x80);
    }
    this.length = start + lengthBytes + written;
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
