import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from './exact-sum.js';
import { SortedList } from './sorted-list.js';

describe('SortedList', () => {
  it('behaves as a sorted multiset under random inserts and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 50 })), { maxLength: 2000 }),
        (ops) => {
          const list = new SortedList<number>((a, b) => a - b);
          const model: number[] = [];
          for (const [insert, x] of ops) {
            if (insert) {
              list.insert(x);
              model.push(x);
            } else {
              const i = model.indexOf(x);
              expect(list.delete(x)).toBe(i >= 0);
              if (i >= 0) model.splice(i, 1);
            }
          }
          model.sort((a, b) => a - b);
          expect(list.size).toBe(model.length);
          expect(list.take(model.length)).toEqual(model);
          expect(list.first()).toBe(model[0]);
          expect(list.last()).toBe(model[model.length - 1]);
        },
      ),
      { numRuns: 60, seed: 3 },
    );
  });
});

describe('ExactSum', () => {
  it('gives the same bits whatever the order, and undoes a subtraction exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { maxLength: 40 }),
        fc.integer(),
        (xs, seed) => {
          const forward = new ExactSum();
          for (const x of xs) forward.add(x);
          const shuffled = [...xs].sort(
            (a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13),
          );
          const backward = new ExactSum();
          for (const x of shuffled.reverse()) backward.add(x);
          expect(Object.is(forward.value(), backward.value())).toBe(true);
          backward.add(0.1);
          backward.subtract(0.1);
          expect(Object.is(forward.value(), backward.value())).toBe(true);
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it('is exact where naive summation is not', () => {
    const sum = new ExactSum();
    for (const x of [1e16, 1, -1e16]) sum.add(x);
    expect(sum.value()).toBe(1);
  });
});
