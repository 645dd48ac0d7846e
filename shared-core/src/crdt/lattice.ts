import { ByteReader } from '../encoding/byte-reader.js';
import { ByteWriter } from '../encoding/byte-writer.js';
import { DecodeError, type DecodeResult } from '../encoding/decode-error.js';
import type { CrdtType, DigestCodec, Lattice, ReplicaId } from './crdt-type.js';

// Helpers derived from the CrdtType primitives, so each type implements only what is its own.

/** Bumped when the binary layout of any state or digest changes. */
export const ENCODING_VERSION = 1;

export function join<S>(type: Lattice<S>, a: S, b: S): S {
  const result = type.clone(a);
  type.mergeInto(result, b);
  return result;
}

export function lt<S>(type: Lattice<S>, a: S, b: S): boolean {
  return type.leq(a, b) && !type.leq(b, a);
}

/** Applies `op` to `s` in place and returns the delta (the one call sites use for local updates). */
export function update<S, Op extends { op: string }>(
  type: CrdtType<S, Op>,
  s: S,
  op: Op,
  replica: ReplicaId,
): S {
  const delta = type.mutate(s, op, replica);
  type.mergeInto(s, delta);
  return delta;
}

export function encodeState<S>(type: Lattice<S>, s: S): Uint8Array {
  const w = new ByteWriter();
  w.byte(ENCODING_VERSION);
  type.encode(s, w);
  return w.finish();
}

export function decodeState<S>(type: Lattice<S>, bytes: Uint8Array): DecodeResult<S> {
  return decodeWith(bytes, (r) => type.decode(r));
}

export function encodeDigest<D>(type: DigestCodec<D>, d: D): Uint8Array {
  const w = new ByteWriter();
  w.byte(ENCODING_VERSION);
  type.encodeDigest(d, w);
  return w.finish();
}

export function decodeDigest<D>(type: DigestCodec<D>, bytes: Uint8Array): DecodeResult<D> {
  return decodeWith(bytes, (r) => type.decodeDigest(r));
}

function decodeWith<T>(bytes: Uint8Array, read: (r: ByteReader) => T): DecodeResult<T> {
  const r = new ByteReader(bytes);
  try {
    const version = r.byte();
    if (version !== ENCODING_VERSION) r.fail(`unsupported encoding version ${version}`);
    const value = read(r);
    r.end();
    return { ok: true, value };
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, error };
    // A decoder bug must still not escape as an untyped exception to a network handler.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: new DecodeError(`malformed input: ${message}`, r.position) };
  }
}
