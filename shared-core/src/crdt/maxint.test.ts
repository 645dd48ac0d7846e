import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { encodeState, update } from './lattice.js';
import { maxint, type MaxIntOp } from './maxint.js';

const op: fc.Arbitrary<MaxIntOp> = fc.oneof(
  fc.record({
    op: fc.constant('increment' as const),
    by: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
  }),
  fc.record({ op: fc.constant('set' as const), value: fc.integer({ min: 0, max: 300 }) }),
);

describeCrdtLaws(maxint, op, {
  sequentialSpec: (before, o, after) =>
    expect(after).toBe(
      o.op === 'increment' ? before.value + (o.by ?? 1) : Math.max(before.value, o.value),
    ),
});

describe('maxint', () => {
  it('concurrent increments from the same value meet at the max, not the sum', () => {
    const a = maxint.bottom();
    update(maxint, a, { op: 'set', value: 5 }, 'a');
    const b = maxint.clone(a);
    update(maxint, a, { op: 'increment', by: 2 }, 'a');
    update(maxint, b, { op: 'increment' }, 'b');
    expect(maxint.mergeInto(b, a)).toBe(true);
    expect(maxint.mergeInto(a, b)).toBe(false);
    expect([maxint.query(a), maxint.query(b)]).toEqual([7, 7]);
  });

  it('setting a smaller value changes nothing', () => {
    const s = maxint.bottom();
    update(maxint, s, { op: 'set', value: 10 }, 'a');
    update(maxint, s, { op: 'set', value: 4 }, 'a');
    expect(maxint.query(s)).toBe(10);
  });

  it('sends nothing to a peer that is already as high', () => {
    expect(maxint.deltaFor({ value: 3 }, { value: 9 })).toEqual(maxint.bottom());
    expect(maxint.deltaFor({ value: 9 }, { value: 3 })).toEqual({ value: 9 });
  });

  it('encodes as a single varint and refuses negative values at the schema', () => {
    expect(encodeState(maxint, { value: 100 }).length).toBe(2);
    expect(maxint.opSchema.safeParse({ op: 'set', value: -1 }).success).toBe(false);
    expect(maxint.opSchema.safeParse({ op: 'set', value: 1.5 }).success).toBe(false);
  });
});
