import { z } from 'zod';
import { OpError, type CrdtType } from './crdt-type.js';

/** Max register over the non-negative integers (Lasp's state_max_int): join is max, bottom 0. */
export interface MaxIntState {
  value: number;
}
export type MaxIntOp = { op: 'increment'; by?: number | undefined } | { op: 'set'; value: number };

const safeNat = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
// Negative values are refused rather than silently absorbed by the bottom 0.
const opSchema: z.ZodType<MaxIntOp> = z.discriminatedUnion('op', [
  z.object({ op: z.literal('increment'), by: safeNat.positive().optional() }),
  z.object({ op: z.literal('set'), value: safeNat }),
]);

export const maxint: CrdtType<MaxIntState, MaxIntOp, number, MaxIntState> = {
  name: 'maxint',
  opSchema,
  bottom: () => ({ value: 0 }),
  clone: (s) => ({ value: s.value }),
  mergeInto(target, delta) {
    if (delta.value <= target.value) return false;
    target.value = delta.value;
    return true;
  },
  leq: (a, b) => a.value <= b.value,
  equals: (a, b) => a.value === b.value,
  query: (s) => s.value,
  mutate(s, op) {
    if (op.op === 'set') return { value: Math.max(s.value, op.value) };
    const value = s.value + (op.by ?? 1);
    if (!Number.isSafeInteger(value)) throw new OpError('increment overflows the maxint');
    return { value };
  },
  decompose: (s) => (s.value > 0 ? [{ value: s.value }] : []),
  digest: (s) => s,
  deltaFor: (s, d) => ({ value: s.value > d.value ? s.value : 0 }),
  encode: (s, w) => w.uint(s.value),
  decode: (r) => ({ value: r.uint() }),
  encodeDigest: (d, w) => w.uint(d.value),
  decodeDigest: (r) => ({ value: r.uint() }),
};
