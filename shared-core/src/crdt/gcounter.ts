import { z } from 'zod';
import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import type { CrdtType, ReplicaId } from './crdt-type.js';
import { readReplicaCounts, writeReplicaCounts } from './replica-counts.js';

/** Grow-only counter: one non-decreasing count per replica; the value is their sum. */
export type GCounterState = Map<ReplicaId, number>;
export type GCounterOp = { op: 'increment'; by?: number | undefined };

const opSchema = z.object({
  op: z.literal('increment'),
  by: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

export const gcounter: CrdtType<GCounterState, GCounterOp, number, GCounterState> = {
  name: 'gcounter',
  opSchema,
  bottom: () => new Map(),
  clone: (s) => new Map(s),
  mergeInto(target, delta) {
    let grew = false;
    for (const [replica, n] of delta) {
      if (n > (target.get(replica) ?? 0)) {
        target.set(replica, n);
        grew = true;
      }
    }
    return grew;
  },
  leq(a, b) {
    for (const [replica, n] of a) if (n > (b.get(replica) ?? 0)) return false;
    return true;
  },
  equals(a, b) {
    return gcounter.leq(a, b) && gcounter.leq(b, a);
  },
  query(s) {
    let sum = 0;
    for (const n of s.values()) sum += n;
    return sum;
  },
  mutate(s, op, replica) {
    return new Map([[replica, (s.get(replica) ?? 0) + (op.by ?? 1)]]);
  },
  decompose: (s) => [...s].filter(([, n]) => n > 0).map((entry) => new Map([entry])),
  digest: (s) => s,
  deltaFor(s, d) {
    const delta: GCounterState = new Map();
    for (const [replica, n] of s) if (n > (d.get(replica) ?? 0)) delta.set(replica, n);
    return delta;
  },
  encode: (s, w: ByteWriter) => writeReplicaCounts(w, s),
  decode: (r: ByteReader) => readReplicaCounts(r),
  encodeDigest: (d, w) => writeReplicaCounts(w, d),
  decodeDigest: (r) => readReplicaCounts(r),
};
