import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { OpError } from './crdt-type.js';
import { decodeState, encodeState, update } from './lattice.js';
import { pncounter, type PNCounterOp } from './pncounter.js';

const op: fc.Arbitrary<PNCounterOp> = fc.record({
  op: fc.constantFrom('increment' as const, 'decrement' as const),
  by: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
});

describeCrdtLaws(pncounter, op, {
  sequentialSpec: (before, o, after) =>
    expect(after).toBe(pncounter.query(before) + (o.op === 'increment' ? 1 : -1) * (o.by ?? 1)),
});

describe('pncounter', () => {
  it('sums concurrent increments and decrements of different replicas', () => {
    const a = pncounter.bottom();
    const b = pncounter.bottom();
    update(pncounter, a, { op: 'increment', by: 5 }, 'a');
    update(pncounter, b, { op: 'decrement', by: 7 }, 'b');
    const fromB = update(pncounter, b, { op: 'increment' }, 'b');
    pncounter.mergeInto(a, b);
    pncounter.mergeInto(a, fromB);
    pncounter.mergeInto(b, a);
    expect(pncounter.query(a)).toBe(-1);
    expect(pncounter.equals(a, b)).toBe(true);
  });

  it('a decrement delta carries only the decrementing replica’s count', () => {
    const s = pncounter.bottom();
    update(pncounter, s, { op: 'increment', by: 3 }, 'a');
    const delta = pncounter.mutate(s, { op: 'decrement', by: 2 }, 'b');
    expect([...delta.p]).toEqual([]);
    expect([...delta.n]).toEqual([['b', 2]]);
  });

  it('refuses an op that would overflow the safe integers', () => {
    const s = pncounter.bottom();
    update(pncounter, s, { op: 'increment', by: Number.MAX_SAFE_INTEGER }, 'a');
    expect(() => pncounter.mutate(s, { op: 'increment' }, 'a')).toThrow(OpError);
    const decoded = decodeState(pncounter, encodeState(pncounter, s));
    expect(decoded.ok && pncounter.query(decoded.value)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('validates ops at the schema', () => {
    expect(pncounter.opSchema.safeParse({ op: 'decrement', by: 3 }).success).toBe(true);
    expect(pncounter.opSchema.safeParse({ op: 'decrement', by: -3 }).success).toBe(false);
    expect(pncounter.opSchema.safeParse({ op: 'reset' }).success).toBe(false);
  });
});
