import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import type { CausalContext } from './causal-context.js';
import type { ReplicaId } from './crdt-type.js';

/**
 * One event of one replica: its `counter`-th update (counters start at 1). Causal types tag what
 * they store with dots, and a dot is never reused, so it names one write for ever.
 */
export interface Dot {
  readonly replica: ReplicaId;
  readonly counter: number;
}

export const dot = (replica: ReplicaId, counter: number): Dot => ({ replica, counter });

/** Replica id, then counter: the order dots are written in, so equal stores give equal bytes. */
export function compareDots(a: Dot, b: Dot): number {
  if (a.replica !== b.replica) return a.replica < b.replica ? -1 : 1;
  return a.counter - b.counter;
}

/**
 * A replica table: what `CausalContext.write` wrote, so stores can name replicas by index. It
 * carries that context, which holds every dot of the store, so a store can write its dots against it.
 */
export interface ReplicaIndex extends ReadonlyMap<ReplicaId, number> {
  readonly context: CausalContext;
}

export function writeDot(w: ByteWriter, replicas: ReplicaIndex, d: Dot): void {
  const index = replicas.get(d.replica);
  // Every stored dot is in the state's context, so its replica is in the table.
  if (index === undefined) throw new Error(`dot of ${d.replica} outside the causal context`);
  w.uint(index);
  w.uint(d.counter);
}

/** Reads a dot and checks that the context covers it, which a well-formed causal state ensures. */
export function readDot(r: ByteReader, replicas: readonly ReplicaId[], cc: CausalContext): Dot {
  const replica = replicas[r.uint()];
  if (replica === undefined) r.fail('replica index out of range');
  const counter = r.uint();
  if (!cc.contains(replica, counter)) r.fail('dot outside the causal context');
  return { replica, counter };
}
