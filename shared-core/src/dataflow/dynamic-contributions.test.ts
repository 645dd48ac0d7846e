import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { update } from '../crdt/lattice.js';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import type { Value } from '../values/value.js';
import { createContributions, type ContributionsOp } from './dynamic-contributions.js';

const publish: fc.Arbitrary<ContributionsOp> = fc.record({
  op: fc.constant('publish' as const),
  value: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(null)) as fc.Arbitrary<Value>,
});

for (const aggregate of ['sum', 'count', 'min', 'max'] as const) {
  describeCrdtLaws(createContributions(aggregate), publish);
}

describe('fold_dynamic contributions', () => {
  it('keep only the latest value of each replica, and combine them', () => {
    const sum = createContributions('sum');
    const s = sum.bottom();
    update(sum, s, { op: 'publish', value: 5 }, 'a');
    update(sum, s, { op: 'publish', value: 7 }, 'a');
    update(sum, s, { op: 'publish', value: 1 }, 'b');
    expect(sum.query(s)).toBe(8);
    expect(createContributions('max').query(s)).toBe(7);
    expect(createContributions('count').query(s)).toBe(2);
  });

  it('merge the top-K lists of every replica by best score per key', () => {
    const topk = createContributions('topk', 2);
    const s = topk.bottom();
    update(
      topk,
      s,
      {
        op: 'publish',
        value: [
          { key: 'ann', score: 3 },
          { key: 'bob', score: 9 },
        ],
      },
      'a',
    );
    update(topk, s, { op: 'publish', value: [{ key: 'ann', score: 12 }] }, 'b');
    expect(topk.query(s)).toEqual([
      { key: 'ann', score: 12 },
      { key: 'bob', score: 9 },
    ]);
  });
});
