/**
 * An upper bound that may grow with the weight of the element each enclosing comprehension is
 * visiting: `b[0] + Σ b[d] · weight(element of the comprehension at nesting depth d)`.
 *
 * Keeping the element's weight symbolic lets the cost model amortise: summed over all iterations
 * of the comprehension at depth d, `b[d] · weight(element)` is at most `b[d] · weight(range)`,
 * because the elements' weights add up to no more than the range's. Without that, comparing each
 * element of a list with something would be charged (list length × total weight) instead of
 * (total weight), and any nested loop would look quadratic in the input's weight.
 */
export type Linear = readonly number[];

export const constant = (c: number): Linear => [c];

/** The weight of the element of the comprehension at `depth` (1-based). */
export function elementWeight(depth: number): Linear {
  const b = new Array<number>(depth + 1).fill(0);
  b[depth] = 1;
  return b;
}

export function add(a: Linear, b: Linear): Linear {
  const out = new Array<number>(Math.max(a.length, b.length));
  for (let i = 0; i < out.length; i++) out[i] = (a[i] ?? 0) + (b[i] ?? 0);
  return out;
}

export function sum(...terms: Linear[]): Linear {
  return terms.reduce(add, constant(0));
}

export function scale(a: Linear, k: number): Linear {
  return a.map((c) => c * k);
}

/** Dominates both (every element weight is non-negative). */
export function upper(a: Linear, b: Linear): Linear {
  const out = new Array<number>(Math.max(a.length, b.length));
  for (let i = 0; i < out.length; i++) out[i] = Math.max(a[i] ?? 0, b[i] ?? 0);
  return out;
}

/** The bound's value when the element at depth d weighs `weights[d]`. */
export function valueAt(a: Linear, weights: readonly number[]): number {
  let v = a[0] ?? 0;
  for (let d = 1; d < a.length; d++) v += (a[d] ?? 0) * (weights[d] ?? 0);
  return v;
}

/** The depth of the innermost element the bound depends on, 0 for a constant. */
export function innermost(a: Linear): number {
  for (let d = a.length - 1; d > 0; d--) if (a[d] !== 0) return d;
  return 0;
}

export function dependsOnElements(a: Linear): boolean {
  return a.some((c, d) => d > 0 && c !== 0);
}

/**
 * The sum of `perIteration` over every iteration of the comprehension at `depth`, whose range
 * has weight `range` and at most `count` elements. `perIteration` may not mention deeper
 * comprehensions (their sums are taken first); the result no longer mentions `depth`.
 * The constant part is charged per element: `count` times, or once per unit of the range's
 * weight when that amortises better (`iterations` chooses).
 */
export function sumOverIterations(
  perIteration: Linear,
  depth: number,
  count: number,
  range: Linear,
  iterations: Linear,
): Linear {
  let out = add(scale(iterations, perIteration[0] ?? 0), scale(range, perIteration[depth] ?? 0));
  for (let d = 1; d < depth; d++) {
    const c = perIteration[d] ?? 0;
    if (c !== 0) out = add(out, scale(elementWeight(d), c * count));
  }
  return out.slice(0, depth);
}
