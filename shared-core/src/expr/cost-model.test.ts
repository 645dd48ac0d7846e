import { describe, expect, it } from 'vitest';
import type { Value } from '../values/value.js';
import { compileExpression, type CompileResult } from './compile-expression.js';
import { ExprEvalError } from './expr-error.js';
import {
  MAX_COMPREHENSION_NESTING,
  MAX_EVAL_COST,
  MAX_INPUT_COLLECTION_SIZE,
  MAX_INPUT_STRING_LENGTH,
  MAX_INPUT_WEIGHT,
  resolveExprLimits,
  type ExprLimits,
} from './expr-limits.js';

const compile = (source: string, limits?: Partial<ExprLimits>): CompileResult =>
  compileExpression(source, { variables: { x: 'dyn' }, result: 'dyn' }, { limits });

function cost(source: string, limits?: Partial<ExprLimits>): number {
  const r = compile(source, limits);
  if (!r.ok) throw new Error(`unexpected compile error: ${r.error.message}`);
  return r.expr.worstCaseCost;
}

/** The estimate even when it is over the default budget. */
const estimate = (source: string, limits?: Partial<ExprLimits>): number =>
  cost(source, { maxEvalCost: Number.MAX_SAFE_INTEGER, ...limits });

function rejection(source: string, limits?: Partial<ExprLimits>) {
  const r = compile(source, limits);
  if (r.ok) throw new Error(`expected ${source} to be rejected (cost ${r.expr.worstCaseCost})`);
  return r.error;
}

describe('cost model', () => {
  it('accepts the expressions graphs are made of, within the default budget', () => {
    for (const source of [
      'x.id == 3',
      'x * 2',
      'x[0].id == x[1].id',
      'x.score > 2.5',
      'x.tags.exists(t, t == "a")',
      'x.exists(a, a.tags.exists(t, t == "q"))',
      'x.map(a, {"id": a.id, "name": a.name.upperAscii()})',
      'x.items.map(i, i.price * i.qty)',
      'x.name.contains("foo") || x.name.startsWith("bar")',
      'x.split(",").map(s, s.trim())',
      '"total: " + string(x.total)',
    ]) {
      expect(cost(source)).toBeLessThanOrEqual(MAX_EVAL_COST);
    }
  });

  it('charges a nested loop once per element of the inner range overall, not per pair', () => {
    // The ranges a.tags of all elements a together weigh no more than x; x[1] is one range
    // visited again for every a.
    const amortised = estimate('x.exists(a, a.tags.exists(t, t == "q"))');
    const repeated = estimate('x.exists(a, x[1].exists(t, t == "q"))');
    expect(amortised * 4).toBeLessThan(repeated);
    expect(repeated).toBeGreaterThan(MAX_INPUT_COLLECTION_SIZE ** 2 * 4 * 4);
  });

  it('grows with the input limits', () => {
    const source = 'x[0].tags.exists(t, t in x[1].tags)';
    expect(estimate(source, { maxInputCollectionSize: 16 })).toBeLessThan(estimate(source));
    expect(estimate(source, { maxInputWeight: 1000 })).toBeLessThan(estimate(source));
    expect(estimate(source, { maxValueDepth: 2 })).toBeLessThan(estimate(source));
    expect(cost('x.name.contains(x.other)', { maxInputStringLength: 100 })).toBeLessThan(
      cost('x.name.contains(x.other)'),
    );
  });

  it('lets a loop over one input run within a loop over another only for smaller inputs', () => {
    const source = 'x[0].tags.exists(t, t in x[1].tags)';
    expect(rejection(source).kind).toBe('limit');
    expect(compile(source, { maxInputCollectionSize: 64, maxInputWeight: 2048 }).ok).toBe(true);
  });

  it('rejects comprehensions nested deeper than the limit, at the one too deep', () => {
    const ok = '[[1]].exists(a, a.exists(b, b == 1))';
    expect(MAX_COMPREHENSION_NESTING).toBe(2);
    expect(compile(ok).ok).toBe(true);
    expect(rejection('[[[1]]].exists(a, a.exists(b,\n  b.exists(c, c == 1)))')).toEqual({
      kind: 'limit',
      message:
        'comprehensions nest too deeply: at most 2 levels of all/exists/exists_one/map/filter ' +
        'may nest inside one another',
      line: 2,
      column: 5,
      offset: 34,
    });
    // A comprehension over another's result is not nested in it.
    expect(compile('x.map(a, a).map(b, b).filter(c, c != 0).exists(d, d == 1)').ok).toBe(true);
  });

  it('rejects an expression whose worst case exceeds the budget, naming the loop', () => {
    const error = rejection('x.all(a, x.all(b, a.id == b.id))');
    expect(error.kind).toBe('limit');
    expect(error.message).toMatch(
      new RegExp(
        `^expression is too expensive: its worst-case cost is \\d+ steps, over the budget of ` +
          `${MAX_EVAL_COST} \\(for inputs of up to ${MAX_INPUT_COLLECTION_SIZE} list or map ` +
          `entries, ${MAX_INPUT_STRING_LENGTH}-character strings and weight ${MAX_INPUT_WEIGHT}\\)$`,
      ),
    );
    expect(error.column).toBe(3);
    // The same loop over smaller inputs fits.
    expect(compile('x.all(a, x.all(b, a.id == b.id))', { maxInputCollectionSize: 16 }).ok).toBe(
      true,
    );
  });

  it('prices the errors that exists, all, || and && absorb', () => {
    // Each failing t.id == u.id under exists builds an error that the loop swallows; map and
    // filter stop at the first error.
    const pairs = MAX_INPUT_COLLECTION_SIZE ** 2;
    expect(
      estimate('x[0].exists(t, x[1].exists(u, t.id == u.id))') -
        estimate('x[0].map(t, x[1].filter(u, t.id == u.id))'),
    ).toBeGreaterThan(pairs * 1500);
    // Equality never fails, so an exists over comparisons of its own elements is cheap.
    expect(cost('x.exists(t, t == "a")')).toBeLessThan(cost('x.exists(t, t.id == "a")') / 10);
    expect(cost('x.a == 1 || x == 2') - cost('x == 1 || x == 2')).toBeGreaterThanOrEqual(1500);
  });

  it('rejects attempts to grow values beyond what the inputs allow', () => {
    // v0 = x, v1 = v0 + v0, ..., comparing vn with itself: 2^n copies of x.
    const doubling = (n: number): string => {
      let body = `v${n} == v${n}`;
      for (let i = n; i >= 1; i--) body = `cel.bind(v${i}, v${i - 1} + v${i - 1}, ${body})`;
      return `cel.bind(v0, x, ${body})`;
    };
    expect(compile(doubling(3)).ok).toBe(true);
    expect(rejection(doubling(12)).kind).toBe('limit');
    expect(rejection('x.split("").map(c, x).join("").split("").size()').kind).toBe('limit');
    expect(rejection('x.map(a, x.map(b, x)) == x.map(a, x.map(b, x))').kind).toBe('limit');
  });

  it('validates limit overrides', () => {
    expect(() => resolveExprLimits({ maxEvalCost: -1 })).toThrow(RangeError);
    expect(() => resolveExprLimits({ maxAstNodes: 1.5 })).toThrow(RangeError);
    expect(resolveExprLimits({ maxAstNodes: 7 }).maxAstNodes).toBe(7);
  });
});

describe('input limits at evaluation', () => {
  const evaluate = (x: Value, limits?: Partial<ExprLimits>): Value => {
    const r = compile('size(x)', limits);
    if (!r.ok) throw new Error(r.error.message);
    return r.expr.evaluate({ x });
  };

  it('rejects a list or object with more entries than the limit', () => {
    const full = Array.from({ length: MAX_INPUT_COLLECTION_SIZE }, (_, i) => i);
    expect(evaluate(full)).toBe(MAX_INPUT_COLLECTION_SIZE);
    expect(() => evaluate([...full, 0])).toThrow(ExprEvalError);
    expect(() => evaluate([...full, 0])).toThrow(
      `input list or object of ${MAX_INPUT_COLLECTION_SIZE + 1} entries exceeds the limit of ${MAX_INPUT_COLLECTION_SIZE}`,
    );
    const wide = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i]));
    expect(() => evaluate(wide, { maxInputCollectionSize: 16 })).toThrow(/17 entries/);
  });

  it('rejects an over-long string and an input over the total weight', () => {
    expect(evaluate('a'.repeat(MAX_INPUT_STRING_LENGTH))).toBe(MAX_INPUT_STRING_LENGTH);
    expect(() => evaluate('a'.repeat(MAX_INPUT_STRING_LENGTH + 1))).toThrow(/exceeds the limit/);
    const heavy = Array.from({ length: 100 }, () => Array.from({ length: 200 }, () => 1));
    expect(() => evaluate(heavy)).toThrow(
      `the input is too large: its weight exceeds ${MAX_INPUT_WEIGHT}`,
    );
  });

  it('rejects a result over its weight limit', () => {
    const r = compile('x.map(a, x)', { maxResultWeight: 100 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.expr.evaluate({ x: [1, 2, 3] })).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(() => r.expr.evaluate({ x: Array.from({ length: 20 }, () => 1) })).toThrow(
      /the result is too large/,
    );
  });
});
