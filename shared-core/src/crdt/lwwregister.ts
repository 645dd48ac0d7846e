import { z } from 'zod';
import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import { compareValues, type Value } from '../values/value.js';
import { readValue, writeValue } from '../values/value-codec.js';
import type { CrdtType, ReplicaId } from './crdt-type.js';
import { valueSchema } from './value-schema.js';

/** One write: the caller's timestamp, the replica that wrote it, and the value. */
export interface LwwEntry {
  timestamp: number;
  replica: ReplicaId;
  value: Value;
}
/**
 * Last-writer-wins register. Writes are totally ordered by (timestamp, replica, value), so join is
 * max and any two replicas agree on the winner even when timestamps tie.
 */
export interface LwwRegisterState {
  current: LwwEntry | undefined;
}
/** `timestamp` is an integer the caller supplies (e.g. ms since the epoch): the only wall clock. */
export type LwwRegisterOp = { op: 'set'; value: Value; timestamp: number };

const opSchema: z.ZodType<LwwRegisterOp> = z.object({
  op: z.literal('set'),
  value: valueSchema,
  timestamp: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
});

/** The total order of writes; undefined (never written) is least. */
export function compareLww(a: LwwEntry | undefined, b: LwwEntry | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (a.replica !== b.replica) return a.replica < b.replica ? -1 : 1;
  return compareValues(a.value, b.value);
}

export const lwwregister: CrdtType<
  LwwRegisterState,
  LwwRegisterOp,
  Value | null,
  LwwRegisterState
> = {
  name: 'lwwregister',
  opSchema,
  bottom: () => ({ current: undefined }),
  // Entries are never mutated in place, only replaced, so sharing them is safe.
  clone: (s) => ({ current: s.current }),
  mergeInto(target, delta) {
    if (compareLww(delta.current, target.current) <= 0) return false;
    target.current = delta.current;
    return true;
  },
  leq: (a, b) => compareLww(a.current, b.current) <= 0,
  equals: (a, b) => compareLww(a.current, b.current) === 0,
  query: (s) => (s.current === undefined ? null : s.current.value),
  mutate(s, op, replica) {
    const write: LwwEntry = { timestamp: op.timestamp, replica, value: op.value };
    // A write older than the current one is lost, as in any LWW register: the delta is bottom.
    return { current: compareLww(write, s.current) > 0 ? write : undefined };
  },
  decompose: (s) => (s.current === undefined ? [] : [{ current: s.current }]),
  digest: (s) => s,
  deltaFor: (s, d) => ({
    current: compareLww(s.current, d.current) > 0 ? s.current : undefined,
  }),
  encode: (s, w) => writeEntry(w, s.current),
  decode: (r) => ({ current: readEntry(r) }),
  encodeDigest: (d, w) => writeEntry(w, d.current),
  decodeDigest: (r) => ({ current: readEntry(r) }),
};

function writeEntry(w: ByteWriter, entry: LwwEntry | undefined): void {
  if (entry === undefined) {
    w.byte(0);
    return;
  }
  w.byte(1);
  w.int(entry.timestamp);
  w.string(entry.replica);
  writeValue(w, entry.value);
}

function readEntry(r: ByteReader): LwwEntry | undefined {
  const tag = r.byte();
  if (tag === 0) return undefined;
  if (tag !== 1) r.fail(`invalid register tag ${tag}`);
  return { timestamp: r.int(), replica: r.string(), value: readValue(r) };
}
