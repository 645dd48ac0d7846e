import type { ZodType } from 'zod';
import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import type { CausalContext } from './causal-context.js';
import type { AnyCrdtType, CrdtType, ReplicaId } from './crdt-type.js';
import type { ReplicaIndex } from './dot.js';

/** The state of a causal CRDT: a dot store and the context of every dot the replica has seen. */
export interface Causal<T> {
  readonly store: T;
  readonly cc: CausalContext;
}

/**
 * The store half of a causal type (Almeida et al., "Delta State Replicated Data Types" §7). An
 * awmap nests its values' stores, which all share the map's one context, so removing a key and
 * updating inside it are decided by the same dots. Every dot of a store is in its context, and no
 * dot appears twice in a store.
 */
export interface DotStore<T, Op extends { op: string }, Q> {
  empty(): T;
  isEmpty(store: T): boolean;
  clone(store: T): T;
  equals(a: T, b: T): boolean;
  forEachDot(store: T, f: (replica: ReplicaId, counter: number) => void): void;
  /**
   * The causal join of (delta, deltaCc) into (target, targetCc), in place on `target` only: the
   * caller joins the contexts afterwards. A dot stays when both stores have it, or one has it and
   * the other's context has not seen it. Returns whether `target` changed.
   */
  joinInto(target: T, targetCc: CausalContext, delta: T, deltaCc: CausalContext): boolean;
  query(store: T): Q;
  /** The delta of `op`; `cc` is the whole state's context, from which fresh dots are drawn. */
  mutate(store: T, cc: CausalContext, op: Op, replica: ReplicaId): Causal<T>;
  /** The store with only the dots `keep` accepts (parts left without dots are dropped). */
  restrict(store: T, keep: (replica: ReplicaId, counter: number) => boolean): T;
  /** Small parts whose union is the store: one element, one key, one written value. */
  split(store: T): T[];
  /** Writes the store, naming replicas by their index in the context's table. */
  write(w: ByteWriter, store: T, replicas: ReplicaIndex): void;
  /** Reads a store, rejecting dots the context does not cover and dots that appear twice. */
  read(r: ByteReader, replicas: readonly ReplicaId[], cc: CausalContext): T;
}

/** A CRDT type whose state is a causal state; its dot store lets an awmap hold it as a value. */
export interface CausalCrdtType<T, Op extends { op: string }, Q> extends CrdtType<
  Causal<T>,
  Op,
  Q,
  CausalContext
> {
  readonly dotStore: DotStore<T, Op, Q>;
}

/** What an awmap needs of its value type. */
export interface CausalValueType<T, Op extends { op: string }, Q> {
  readonly name: string;
  readonly opSchema: ZodType<Op>;
  readonly dotStore: DotStore<T, Op, Q>;
}

export type AnyCausalValueType = CausalValueType<unknown, { op: string }, unknown>;

/** Whether a type looked up at run time is causal (ewflag, dwflag, awset, mvregister, awmap). */
export function isCausal(type: AnyCrdtType): type is AnyCrdtType & AnyCausalValueType {
  return 'dotStore' in type;
}
