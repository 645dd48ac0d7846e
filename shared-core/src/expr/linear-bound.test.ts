import { describe, expect, it } from 'vitest';
import {
  add,
  constant,
  dependsOnElements,
  elementWeight,
  scale,
  sumOverIterations,
  upper,
  valueAt,
} from './linear-bound.js';

describe('linear bounds', () => {
  it('evaluates, adds, scales and dominates term by term', () => {
    const a = add(constant(3), scale(elementWeight(2), 5));
    expect(a).toEqual([3, 0, 5]);
    expect(valueAt(a, [0, 100, 10])).toBe(53);
    expect(upper([1, 7], [4, 0, 2])).toEqual([4, 7, 2]);
    expect(dependsOnElements(constant(9))).toBe(false);
    expect(dependsOnElements(a)).toBe(true);
  });

  it('charges a per-element term once for the whole range, not once per element', () => {
    // 10 elements of a range weighing 100: a body costing 2 + weight(element) per iteration.
    const body = add(constant(2), elementWeight(1));
    const total = sumOverIterations(body, 1, 10, constant(100), constant(10));
    expect(total).toEqual([2 * 10 + 100]);
  });

  it('multiplies terms of enclosing elements by the number of iterations', () => {
    // Inner loop (depth 2) over 4 elements of a range weighing 40, whose body compares the
    // outer element (depth 1) with a constant-cost operation.
    const body = add(constant(1), scale(elementWeight(1), 3));
    const total = sumOverIterations(body, 2, 4, constant(40), constant(4));
    expect(total).toEqual([4, 12]);
  });
});
