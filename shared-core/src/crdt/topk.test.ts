import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { decodeState, encodeState, join, update } from './lattice.js';
import { createTopK, type TopKEntry, type TopKOp, type TopKState } from './topk.js';

const op: fc.Arbitrary<TopKOp> = fc.record({
  op: fc.constant('add' as const),
  key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  // Small integers make ties on score common; a few fractions exercise the double encoding.
  score: fc.oneof(fc.integer({ min: -5, max: 12 }), fc.constantFrom(0.5, -2.25)),
});

/** The expected top K from first principles: best score per key, sorted, cut at K. */
function model(k: number, entries: TopKEntry[]): TopKEntry[] {
  const best = new Map<string, number>();
  for (const { key, score } of entries) best.set(key, Math.max(score, best.get(key) ?? -Infinity));
  return [...best]
    .map(([key, score]) => ({ key, score }))
    .sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : 1))
    .slice(0, k);
}

for (const k of [1, 3]) {
  const topk = createTopK(k);
  describeCrdtLaws(topk, op, {
    sequentialSpec: (before, o, after) =>
      expect(after).toEqual(model(k, [...topk.query(before), { key: o.key, score: o.score }])),
  });
}

describe('topk', () => {
  const top2 = createTopK(2);
  const state = (entries: Record<string, number>): TopKState => new Map(Object.entries(entries));

  it('keeps the K best keys by their highest score (the leaderboard)', () => {
    const a = top2.bottom();
    const b = top2.bottom();
    update(top2, a, { op: 'add', key: 'ann', score: 50 }, 'a');
    update(top2, a, { op: 'add', key: 'bob', score: 70 }, 'a');
    update(top2, b, { op: 'add', key: 'ann', score: 90 }, 'b');
    update(top2, b, { op: 'add', key: 'cyd', score: 60 }, 'b');
    expect(top2.query(join(top2, a, b))).toEqual([
      { key: 'ann', score: 90 },
      { key: 'bob', score: 70 },
    ]);
    expect(top2.k).toBe(2);
  });

  it('breaks score ties by key, so every replica keeps the same entries', () => {
    const s = state({ zed: 5, amy: 5 });
    expect(top2.query(join(top2, s, state({ bea: 5 })))).toEqual([
      { key: 'amy', score: 5 },
      { key: 'bea', score: 5 },
    ]);
  });

  it('join stays associative when truncation drops a key that later scores higher', () => {
    const a = state({ x: 5, y: 4 });
    const b = state({ z: 6 });
    const c = state({ y: 7 });
    const left = join(top2, join(top2, a, b), c);
    const right = join(top2, a, join(top2, b, c));
    expect(top2.equals(left, right)).toBe(true);
    expect(top2.query(left)).toEqual([
      { key: 'y', score: 7 },
      { key: 'z', score: 6 },
    ]);
  });

  it('an add that does not make the top K has a bottom delta', () => {
    const s = state({ x: 5, y: 4 });
    expect(top2.mutate(s, { op: 'add', key: 'w', score: 3 }, 'r').size).toBe(0);
    expect(top2.mutate(s, { op: 'add', key: 'x', score: 1 }, 'r').size).toBe(0);
    expect([...top2.mutate(s, { op: 'add', key: 'w', score: 4.5 }, 'r')]).toEqual([['w', 4.5]]);
  });

  it('sends a full peer only entries that beat its worst', () => {
    const s = state({ p: 10, q: 1 });
    const delta = top2.deltaFor(s, top2.digest(state({ x: 5, y: 4 })));
    expect([...delta]).toEqual([['p', 10]]);
  });

  it('encodes integer scores as varints', () => {
    expect(encodeState(top2, state({ a: 3, b: 2 })).length).toBe(9);
    const fractional = decodeState(top2, encodeState(top2, state({ a: 3, b: 0.5 })));
    expect(fractional.ok && top2.query(fractional.value)).toEqual([
      { key: 'a', score: 3 },
      { key: 'b', score: 0.5 },
    ]);
  });

  it('rejects more than K entries when decoding', () => {
    const top3 = createTopK(3);
    const result = decodeState(top2, encodeState(top3, state({ a: 1, b: 2, c: 3 })));
    expect(!result.ok && result.error.message).toMatch(/exceed k = 2/);
  });

  it('rejects a bad k and a non-finite score', () => {
    expect(() => createTopK(0)).toThrow(RangeError);
    expect(() => createTopK(1.5)).toThrow(RangeError);
    expect(top2.opSchema.safeParse({ op: 'add', key: 'a', score: Infinity }).success).toBe(false);
    expect(top2.opSchema.safeParse({ op: 'add', key: 'a', score: -3.5 }).success).toBe(true);
  });
});
