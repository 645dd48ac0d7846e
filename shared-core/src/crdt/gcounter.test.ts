import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { gcounter, type GCounterOp } from './gcounter.js';
import { update } from './lattice.js';

const op: fc.Arbitrary<GCounterOp> = fc.record({
  op: fc.constant('increment' as const),
  by: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
});

describeCrdtLaws(gcounter, op, {
  sequentialSpec: (before, o, after) => expect(after).toBe(gcounter.query(before) + (o.by ?? 1)),
});

describe('gcounter', () => {
  it('counts concurrent increments of different replicas once each', () => {
    const a = gcounter.bottom();
    const b = gcounter.bottom();
    update(gcounter, a, { op: 'increment', by: 3 }, 'a');
    const delta = update(gcounter, b, { op: 'increment' }, 'b');
    gcounter.mergeInto(a, delta);
    gcounter.mergeInto(a, delta);
    expect(gcounter.query(a)).toBe(4);
  });

  it('rejects a non-positive increment at the schema', () => {
    expect(gcounter.opSchema.safeParse({ op: 'increment', by: 0 }).success).toBe(false);
    expect(gcounter.opSchema.safeParse({ op: 'increment', by: 2 }).success).toBe(true);
  });
});
