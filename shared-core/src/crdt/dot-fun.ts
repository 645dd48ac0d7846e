import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import { CausalContext } from './causal-context.js';
import type { DotStore } from './causal-type.js';
import { compareDots, readDot, writeDot, type Dot } from './dot.js';

/** One write of a register or flag: the dot that made it and what it wrote. */
export interface DotEntry<V> {
  readonly dot: Dot;
  readonly value: V;
}

/**
 * A dot store mapping dots to payloads (Almeida et al.'s DotFun; a DotSet when the payload is
 * empty). Flags and registers hold a handful of concurrent writes, so an array is the right shape.
 * Entries are never mutated, so states may share them.
 */
export type DotFun<V> = DotEntry<V>[];

export interface PayloadCodec<V> {
  write(w: ByteWriter, value: V): void;
  read(r: ByteReader): V;
  equals(a: V, b: V): boolean;
}

/** No payload: the store is a set of dots (the flags). */
export const noPayload: PayloadCodec<null> = {
  write: () => undefined,
  read: () => null,
  equals: () => true,
};

const sameDot = (a: Dot, b: Dot): boolean => a.replica === b.replica && a.counter === b.counter;

/** The context of a store's dots: what a write or a disable supersedes. */
export const contextOf = <V>(store: DotFun<V>): CausalContext =>
  CausalContext.of(store.map((e) => e.dot));

type Common = 'empty' | 'isEmpty' | 'clone' | 'equals' | 'forEachDot' | 'joinInto' | 'restrict';
type Codec = 'split' | 'write' | 'read';

/** Everything of a DotFun's dot store but its ops and query. */
export function dotFunStore<V>(
  payload: PayloadCodec<V>,
): Pick<DotStore<DotFun<V>, { op: string }, unknown>, Common | Codec> {
  return {
    empty: () => [],
    isEmpty: (store) => store.length === 0,
    clone: (store) => [...store],
    equals: (a, b) =>
      a.length === b.length &&
      a.every((e) => b.some((f) => sameDot(e.dot, f.dot) && payload.equals(e.value, f.value))),
    forEachDot(store, f) {
      for (const e of store) f(e.dot.replica, e.dot.counter);
    },
    joinInto(target, targetCc, delta, deltaCc) {
      let changed = false;
      for (let i = target.length - 1; i >= 0; i--) {
        const d = (target[i] as DotEntry<V>).dot;
        if (deltaCc.has(d) && !delta.some((e) => sameDot(e.dot, d))) {
          target.splice(i, 1);
          changed = true;
        }
      }
      for (const e of delta) {
        if (!targetCc.has(e.dot)) {
          target.push(e);
          changed = true;
        }
      }
      return changed;
    },
    restrict: (store, keep) => store.filter((e) => keep(e.dot.replica, e.dot.counter)),
    split: (store) => store.map((e) => [e]),
    write(w, store, replicas) {
      const sorted = [...store].sort((a, b) => compareDots(a.dot, b.dot));
      w.uint(sorted.length);
      for (const e of sorted) {
        writeDot(w, replicas, e.dot);
        payload.write(w, e.value);
      }
    },
    read(r, replicas, cc) {
      const n = r.count(2);
      const store: DotFun<V> = [];
      for (let i = 0; i < n; i++) {
        const d = readDot(r, replicas, cc);
        const prev = store[i - 1];
        if (prev && compareDots(prev.dot, d) >= 0) r.fail('dots out of order');
        store.push({ dot: d, value: payload.read(r) });
      }
      return store;
    },
  };
}
