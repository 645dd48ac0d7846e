import { z } from 'zod';
import { OpError, type CrdtType, type ReplicaId } from './crdt-type.js';
import { gcounter, type GCounterState } from './gcounter.js';
import { readReplicaCounts, writeReplicaCounts } from './replica-counts.js';

/** Positive-negative counter: two grow-only counters, increments in `p` and decrements in `n`. */
export interface PNCounterState {
  p: GCounterState;
  n: GCounterState;
}
export type PNCounterOp =
  { op: 'increment'; by?: number | undefined } | { op: 'decrement'; by?: number | undefined };

const by = z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional();
const opSchema: z.ZodType<PNCounterOp> = z.discriminatedUnion('op', [
  z.object({ op: z.literal('increment'), by }),
  z.object({ op: z.literal('decrement'), by }),
]);

export const pncounter: CrdtType<PNCounterState, PNCounterOp, number, PNCounterState> = {
  name: 'pncounter',
  opSchema,
  bottom: () => ({ p: new Map(), n: new Map() }),
  clone: (s) => ({ p: new Map(s.p), n: new Map(s.n) }),
  mergeInto(target, delta) {
    const grewP = gcounter.mergeInto(target.p, delta.p);
    const grewN = gcounter.mergeInto(target.n, delta.n);
    return grewP || grewN;
  },
  leq: (a, b) => gcounter.leq(a.p, b.p) && gcounter.leq(a.n, b.n),
  equals: (a, b) => gcounter.equals(a.p, b.p) && gcounter.equals(a.n, b.n),
  query: (s) => gcounter.query(s.p) - gcounter.query(s.n),
  mutate(s, op, replica) {
    const half = op.op === 'increment' ? s.p : s.n;
    const count = (half.get(replica) ?? 0) + (op.by ?? 1);
    // A count past 2^53 would lose precision and could no longer be encoded.
    if (!Number.isSafeInteger(count)) throw new OpError(`${op.op} overflows the counter`);
    const changed = new Map([[replica, count]]);
    return op.op === 'increment' ? { p: changed, n: new Map() } : { p: new Map(), n: changed };
  },
  decompose: (s) => [
    ...gcounter.decompose(s.p).map((p) => ({ p, n: new Map<ReplicaId, number>() })),
    ...gcounter.decompose(s.n).map((n) => ({ p: new Map<ReplicaId, number>(), n })),
  ],
  digest: (s) => s,
  deltaFor: (s, d) => ({ p: gcounter.deltaFor(s.p, d.p), n: gcounter.deltaFor(s.n, d.n) }),
  encode(s, w) {
    writeReplicaCounts(w, s.p);
    writeReplicaCounts(w, s.n);
  },
  decode: (r) => ({ p: readReplicaCounts(r), n: readReplicaCounts(r) }),
  encodeDigest: (d, w) => pncounter.encode(d, w),
  decodeDigest: (r) => pncounter.decode(r),
};
