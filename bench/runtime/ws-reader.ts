/**
 * Reads one direction of a WebSocket connection as it crosses a TCP proxy: skips the HTTP
 * upgrade, unmasks and reassembles frames (RFC 6455), and hands over whole messages. socket.io
 * negotiates no compression here (engine.io's perMessageDeflate is off by default), so the
 * payloads are the bytes socket.io wrote.
 */
export class WsReader {
  private buffer: Buffer = Buffer.alloc(0);
  private inHeaders = true;
  private fragments: Buffer[] = [];
  private fragmentOpcode = 0;

  constructor(private readonly onMessage: (opcode: number, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    if (this.inHeaders) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.buffer = this.buffer.subarray(end + 4);
      this.inHeaders = false;
    }
    while (this.frame()) continue;
  }

  /** Consumes one frame if the buffer holds all of it. */
  private frame(): boolean {
    const b = this.buffer;
    if (b.length < 2) return false;
    const first = b[0] as number;
    const second = b[1] as number;
    let length = second & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.length < 4) return false;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return false;
      length = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    const masked = (second & 0x80) !== 0;
    const maskAt = offset;
    if (masked) offset += 4;
    if (b.length < offset + length) return false;
    let payload = b.subarray(offset, offset + length);
    if (masked) {
      payload = Buffer.from(payload);
      for (let i = 0; i < payload.length; i++) {
        payload[i] = (payload[i] as number) ^ (b[maskAt + (i & 3)] as number);
      }
    }
    this.buffer = b.subarray(offset + length);
    const fin = (first & 0x80) !== 0;
    const opcode = first & 0x0f;
    if (opcode >= 8) {
      this.onMessage(opcode, payload);
      return true;
    }
    if (opcode !== 0) this.fragmentOpcode = opcode;
    this.fragments.push(payload);
    if (fin) {
      const whole = this.fragments.length === 1 ? payload : Buffer.concat(this.fragments);
      this.fragments = [];
      this.onMessage(this.fragmentOpcode, whole);
    }
    return true;
  }
}
