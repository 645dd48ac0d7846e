import type { ZodType } from 'zod';
import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';

/** The identity of a replica (an agent, a client, the hub). Unique among all replicas. */
export type ReplicaId = string;

/** The lattice part of a CRDT type: what merging, comparing and storing a state needs. */
export interface Lattice<S> {
  bottom(): S;
  clone(s: S): S;
  /** Joins `delta` into `target` in place; returns true exactly when `target` strictly grew. */
  mergeInto(target: S, delta: S): boolean;
  leq(a: S, b: S): boolean;
  equals(a: S, b: S): boolean;
  encode(s: S, w: ByteWriter): void;
  /** Reads what `encode` wrote; throws DecodeError (through the reader) on malformed input. */
  decode(r: ByteReader): S;
}

/** How a type's anti-entropy digest travels on the wire. */
export interface DigestCodec<D> {
  encodeDigest(d: D, w: ByteWriter): void;
  decodeDigest(r: ByteReader): D;
}

/**
 * A delta-state CRDT (Almeida, Shoker, Baquero): a join-semilattice whose mutators return deltas.
 * States are mutable only through `mergeInto`; every other method leaves its arguments unchanged.
 *
 * - `S` the lattice state (a delta is also an `S`)
 * - `Op` an operation, as JSON-shaped data discriminated on `op`
 * - `Q` the user-facing value that `query` returns
 * - `D` the digest a replica sends so that a peer can compute what it is missing
 */
export interface CrdtType<S, Op extends { op: string } = { op: string }, Q = unknown, D = unknown>
  extends Lattice<S>, DigestCodec<D> {
  /** The type's name as it appears in graphs (`gcounter`, `orset`, `topk`, ...). */
  readonly name: string;
  /** Validates an operation that came from outside (REST, sockets, a graph's trigger action). */
  readonly opSchema: ZodType<Op>;

  query(s: S): Q;
  /**
   * The delta of applying `op` at `replica`: the new state is `s ⊔ mutate(s, op, replica)`.
   * Throws OpError when the op's precondition fails (e.g. setting an ivar twice with another value).
   */
  mutate(s: S, op: Op, replica: ReplicaId): S;
  /** Join decomposition: states whose join is `s`, each no larger than needed. */
  decompose(s: S): S[];
  digest(s: S): D;
  /** The part of `s` a replica whose state has digest `d` is missing: `deltaFor(s, digest(t)) ⊔ t = s ⊔ t`. */
  deltaFor(s: S, d: D): S;
}

/** An operation as data: its name in `op`, its arguments beside it; the type's opSchema checks it. */
export interface Operation {
  readonly op: string;
  readonly [argument: string]: unknown;
}

/** A CRDT type whose type parameters are not known statically (looked up by name at run time). */
// Ops and states are checked by the type's own schema and decoder at the boundary, so the
// erased form can use `unknown` throughout.
export type AnyCrdtType = CrdtType<unknown, { op: string }, unknown, unknown>;

/** An operation that was well-formed but not allowed in the current state. */
export class OpError extends Error {
  override readonly name = 'OpError';
}
