import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValue, valuesEqual, type Value } from '../values/value.js';
import {
  compileExpression,
  type CompiledExpression,
  type CompileOptions,
} from './compile-expression.js';
import { ExprEvalError, type ExprError } from './expr-error.js';
import type { ExprSignature, ExprType } from './expr-type.js';

const X: ExprSignature['variables'] = { x: 'dyn' };

function compile(
  source: string,
  result: ExprType = 'dyn',
  variables = X,
  options?: CompileOptions,
): CompiledExpression {
  const r = compileExpression(source, { variables, result }, options);
  if (!r.ok) throw new Error(`unexpected compile error: ${r.error.message}`);
  return r.expr;
}

function compileError(source: string, result: ExprType = 'dyn', variables = X): ExprError {
  const r = compileExpression(source, { variables, result });
  if (r.ok) throw new Error(`expected a compile error for ${source}`);
  return r.error;
}

const run = (source: string, x: Value, result: ExprType = 'dyn'): Value =>
  compile(source, result).evaluate({ x });

function evalError(source: string, x: Value, result: ExprType = 'dyn'): ExprEvalError {
  const expr = compile(source, result);
  try {
    expr.evaluate({ x });
  } catch (e) {
    expect(e).toBeInstanceOf(ExprEvalError);
    expect((e as ExprEvalError).source).toBe(source);
    return e as ExprEvalError;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('compileExpression: errors with positions', () => {
  it('places a syntax error on its line and column in multi-line input', () => {
    expect(compileError('x.a &&\n  x.b ||\n  x.c +* 2', 'bool')).toEqual({
      kind: 'syntax',
      message: 'Unexpected token: MULTIPLY',
      line: 3,
      column: 8,
      offset: 23,
    });
    expect(compileError('x.a +\n\n    ')).toMatchObject({ kind: 'syntax', line: 3, column: 5 });
    expect(compileError('x.name == "abc', 'bool')).toMatchObject({
      message: 'Unterminated string',
      line: 1,
      column: 11,
    });
  });

  it('places type errors at the offending name or operator', () => {
    expect(compileError('x ==\n  y', 'bool')).toMatchObject({
      kind: 'type',
      message: 'Unknown variable: y',
      line: 2,
      column: 3,
    });
    expect(compileError('i + "a"', 'dyn', { i: 'int' })).toMatchObject({
      message: 'no such overload: int + string',
      column: 3,
    });
    expect(compileError('x.a\n  .foo(1)')).toMatchObject({ line: 2, column: 4 });
  });

  it('rejects a result type that cannot be the one required, at compile time', () => {
    expect(compileError('x.filter(a, "s")', 'list')).toMatchObject({
      kind: 'type',
      message: "filter(var, predicate) predicate must return bool, got 'string'",
      column: 13,
    });
    expect(compileError('string(x)', 'bool')).toMatchObject({
      kind: 'type',
      message: 'expression must return a boolean, but it returns string',
    });
    expect(compileError('x > 1', 'string').message).toBe(
      'expression must return a string, but it returns bool',
    );
    expect(compileError('1 + 2', 'double').kind).toBe('type');
    expect(compileError('[1, 2]', 'map').message).toMatch(/returns list<int>/);
    // Statically unknown types are checked when evaluated instead.
    expect(compileExpression('x.name', { variables: X, result: 'bool' }).ok).toBe(true);
    for (const [source, result] of [
      ['1', 'number'],
      ['1.5', 'number'],
      ['[1]', 'list'],
      ['{"a": 1}', 'map'],
      ['x', 'int'],
    ] as const) {
      expect(compileExpression(source, { variables: X, result }).ok).toBe(true);
    }
  });

  it('refuses functions that depend on time or can run unbounded, and unsupported literals', () => {
    expect(compileError('timestamp(x).getHours()')).toMatchObject({
      kind: 'unsupported',
      column: 14,
    });
    expect(compileError('duration("1h")').message).toMatch(/must not depend on time/);
    expect(compileError('x.name.matches("a+")').message).toMatch(/regular expressions/);
    expect(compileError('x.json()').message).toBe("'json' is not available in expressions");
    expect(compileError('1u').message).toMatch(/unsigned integers/);
    expect(compileError('b"abc"').message).toMatch(/bytes literals/);
    expect(compileError('{"__proto__": 1}').message).toBe("the map key '__proto__' is not allowed");
    expect(compileError('9223372036854775808')).toMatchObject({ kind: 'syntax' });
    expect(compileExpression('-9223372036854775808', { variables: X, result: 'int' }).ok).toBe(
      true,
    );
  });

  it('throws, rather than returning an error, for a malformed signature', () => {
    expect(() => compileExpression('1', { variables: { 'a-b': 'dyn' }, result: 'dyn' })).toThrow(
      /invalid expression variable name/,
    );
    expect(() => compileExpression('1', { variables: { int: 'dyn' }, result: 'dyn' })).toThrow();
    expect(() =>
      compileExpression('1', { variables: {}, result: 'text' as unknown as ExprType }),
    ).toThrow(/invalid expression result type/);
  });
});

describe('evaluate', () => {
  it('evaluates the shapes the dataflow runtime uses', () => {
    expect(run('x.id == 3', { id: 3 }, 'bool')).toBe(true);
    expect(run('x.id == 3', { id: 4 }, 'bool')).toBe(false);
    expect(run('x * 2', 21)).toBe(42);
    expect(run('x.score', { score: 7.5 })).toBe(7.5);
    expect(run('x[0].id == x[1].id', [{ id: 1 }, { id: 1 }], 'bool')).toBe(true);
    expect(run('x[0].id == x[1].id', [{ id: 1 }, { id: 2 }], 'bool')).toBe(false);
    expect(run('x.tags.exists(t, t == "b")', { tags: ['a', 'b'] }, 'bool')).toBe(true);
    expect(run('x.filter(a, a > 1).map(a, a * 10)', [1, 2, 3], 'list')).toEqual([20, 30]);
    expect(
      run('{"id": x.id, "name": x.first + " " + x.last}', { id: 1, first: 'A', last: 'B' }),
    ).toEqual({
      id: 1,
      name: 'A B',
    });
    expect(run('has(x.a) ? x.a : "none"', {})).toBe('none');
    expect(run('cel.bind(n, size(x), n * n)', [1, 2, 3])).toBe(9);
    expect(run('x.split(",").map(s, s.trim().upperAscii()).join("|")', 'a, b ,c')).toBe('A|B|C');
  });

  it('compares and mixes ints and doubles the way JSON numbers suggest', () => {
    expect(run('x.score > 2.5', { score: 3 }, 'bool')).toBe(true);
    expect(run('x.score == 3.0', { score: 3 }, 'bool')).toBe(true);
    expect(run('x.score < 3', { score: 2.5 }, 'bool')).toBe(true);
    expect(run('1 == 1.0', null, 'bool')).toBe(true);
    expect(run('1.5 == 1', null, 'bool')).toBe(false);
    expect(run('9007199254740993 == 9007199254740992.0', null, 'bool')).toBe(false);
    expect(run('x * 1.5', 3)).toBe(4.5);
    expect(run('x + 1', 2.5)).toBe(3.5);
    expect(run('[1, 2.5, "a"]', null)).toEqual([1, 2.5, 'a']);
    // Two ints stay integer arithmetic, as in CEL.
    expect(run('x / 2', 7)).toBe(3);
    expect(run('x / 2.0', 7)).toBe(3.5);
    expect(run('double(x) / 2', 7)).toBe(3.5);
    const big = compile('x + y', 'dyn', { x: 'int', y: 'double' });
    expect(big.evaluate({ x: 1, y: 0.5 })).toBe(1.5);
  });

  it('is reusable: one compiled expression, many inputs', () => {
    const expr = compile('x.n % 2 == 0', 'bool');
    const evens = Array.from({ length: 50 }, (_, n) => n).filter((n) =>
      expr.evaluate({ x: { n } }),
    );
    expect(evens).toEqual(Array.from({ length: 25 }, (_, i) => i * 2));
  });

  it('returns plain data with sorted keys, iterating maps in key order', () => {
    const forward = run('x.map(k, k + "=" + string(x[k]))', { b: 1, a: 2, c: 3 });
    const backward = run('x.map(k, k + "=" + string(x[k]))', { c: 3, a: 2, b: 1 });
    expect(forward).toEqual(['a=2', 'b=1', 'c=3']);
    expect(backward).toEqual(forward);
    const obj = run('{"z": 1, "a": [x]}', { q: true }) as Record<string, Value>;
    expect(Object.keys(obj)).toEqual(['a', 'z']);
    expect(isValue(obj)).toBe(true);
  });

  it('gives back any JSON value passed through unchanged', () => {
    const identity = compile('x');
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const out = identity.evaluate({ x: v as Value });
        expect(isValue(out)).toBe(true);
        expect(valuesEqual(out, v as Value)).toBe(true);
        expect(JSON.stringify(sortKeys(out))).toBe(JSON.stringify(sortKeys(v as Value)));
      }),
      {
        numRuns: 300,
        seed: 42,
        examples: [
          [JSON.parse('{"__proto__": [1, {"constructor": null}]}') as fc.JsonValue],
          [-0],
          [2 ** 60],
          [1e300],
          [{ b: 1, a: { d: [0.5, '', true] } }],
        ],
      },
    );
  });
});

function sortKeys(v: Value): Value {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const obj = v as Record<string, Value>;
  return Object.fromEntries(
    Object.keys(obj)
      .sort()
      .map((k) => [k, sortKeys(obj[k] as Value)]),
  );
}

describe('evaluate: runtime errors are ExprEvalErrors', () => {
  it('reports a missing key, division by zero and overflow with their position', () => {
    const missing = evalError('x.a +\n  x.nope', { a: 1 });
    expect(missing.message).toBe('No such key: nope');
    expect(missing.position).toMatchObject({ line: 2, column: 5 });
    expect(evalError('x / 0', 1).message).toBe('division by zero');
    expect(evalError('x / 0', 1).position?.column).toBe(3);
    expect(evalError('x * x', 2 ** 40).message).toMatch(/integer overflow/);
    const inLoop = evalError('x.map(a, a.nope)', [{}]);
    expect(inLoop).toMatchObject({ message: 'No such key: nope', position: { column: 12 } });
    expect(evalError('x.filter(a, a)', [1]).message).toBe(
      "filter(var, predicate) predicate must return bool, got 'int'",
    );
  });

  it('reports type mismatches found only at run time', () => {
    expect(evalError('x + 1', 'a').message).toMatch(/no such overload/);
    expect(evalError('x.name', { name: 3 }, 'bool').message).toBe(
      'expression must return a boolean, but returned int',
    );
    expect(evalError('x', 2.5, 'int').message).toMatch(/must return an integer/);
    const typed = compile('n + 1', 'dyn', { n: 'int' });
    expect(() => typed.evaluate({ n: 1.5 })).toThrow("variable 'n' must be a safe integer");
    expect(() => typed.evaluate({})).toThrow("missing variable 'n'");
  });

  it('reports results a Value cannot hold', () => {
    expect(evalError('x + 1', Number.MAX_SAFE_INTEGER).message).toMatch(/safe integer range/);
    expect(evalError('x / 0.0', 1.5).message).toMatch(/not a finite number/);
    expect(evalError('type(x)', 1).message).toMatch(/cannot be returned/);
    // The library builds map literals as objects, so other keys arrive as their text.
    expect(run('{1: "a", true: 2}', null)).toEqual({ '1': 'a', true: 2 });
  });
});

describe('robustness', () => {
  // Random expressions over x: each compiles or is refused, and each evaluation returns plain
  // data or throws ExprEvalError, whatever the input.
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('x', 'x.a', 'x[0]', '1', '2.5', '"s"', 'true', 'null', '[]', '{}', 'v'),
      fc
        .tuple(
          tie('expr'),
          fc.constantFrom('+', '-', '*', '/', '%', '==', '<', '&&', '||', 'in'),
          tie('expr'),
        )
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc
        .tuple(fc.constantFrom('size', 'string', 'int', 'double', 'dyn', 'has'), tie('expr'))
        .map(([f, a]) => (f === 'has' ? `has(${a}.k)` : `${f}(${a})`)),
      fc
        .tuple(tie('expr'), fc.constantFrom('map', 'filter', 'exists', 'all'), tie('expr'))
        .map(([r, m, b]) => `${r}.${m}(v, ${b})`),
      fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `[${a}, ${b}]`),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `{"k": ${a}, "j": ${b}}`),
    ),
  }));

  it('never throws anything but ExprEvalError, and never leaks non-Values', () => {
    fc.assert(
      fc.property(expr, fc.jsonValue({ maxDepth: 3 }), (source, x) => {
        const r = compileExpression(source, { variables: X, result: 'dyn' });
        if (!r.ok) {
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(source.length);
          return;
        }
        try {
          expect(isValue(r.expr.evaluate({ x: x as Value }))).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(ExprEvalError);
        }
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
