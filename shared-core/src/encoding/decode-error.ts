/** Raised by a decoder when bytes are truncated, malformed or out of range. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
  }
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: DecodeError };
