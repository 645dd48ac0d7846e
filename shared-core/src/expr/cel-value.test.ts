import { describe, expect, it } from 'vitest';
import type { Value } from '../values/value.js';
import {
  CelConversionError,
  celToValue,
  valueToCel,
  variableToCel,
  WeightMeter,
} from './cel-value.js';
import { DEFAULT_EXPR_LIMITS, resolveExprLimits } from './expr-limits.js';

const limits = DEFAULT_EXPR_LIMITS;
const toCel = (v: unknown, l = limits) =>
  valueToCel(v, l, new WeightMeter(l.maxInputWeight, 'the input'), 0);

describe('Value → CEL', () => {
  it('makes safe integers CEL ints and every other number a double', () => {
    expect(toCel(3)).toBe(3n);
    expect(toCel(-0)).toBe(0n);
    expect(toCel(2.5)).toBe(2.5);
    expect(toCel(2 ** 60)).toBe(2 ** 60);
    expect(toCel([1, 1.5, 'a', null, true])).toEqual([1n, 1.5, 'a', null, true]);
  });

  it('makes objects Maps with keys in sorted order, whatever order they came in', () => {
    const a = toCel({ b: 1, a: { d: 2, c: 3 } }) as Map<string, unknown>;
    const b = toCel({ a: { c: 3, d: 2 }, b: 1 }) as Map<string, unknown>;
    expect([...a.keys()]).toEqual(['a', 'b']);
    expect([...(a.get('a') as Map<string, unknown>).keys()]).toEqual(['c', 'd']);
    expect(a).toEqual(b);
  });

  it('keeps __proto__ an ordinary key', () => {
    const v = JSON.parse('{"__proto__": 1, "constructor": 2}') as Value;
    expect(toCel(v)).toEqual(
      new Map<string, unknown>([
        ['__proto__', 1n],
        ['constructor', 2n],
      ]),
    );
  });

  it('rejects what is not JSON data', () => {
    for (const bad of [NaN, Infinity, undefined, new Date(0), new Map(), 1n, () => 1]) {
      expect(() => toCel(bad)).toThrow(CelConversionError);
    }
  });

  it('rejects inputs over the size limits', () => {
    const small = resolveExprLimits({
      maxInputCollectionSize: 3,
      maxInputStringLength: 5,
      maxInputWeight: 20,
      maxValueDepth: 2,
    });
    expect(toCel([1, 2, 3], small)).toEqual([1n, 2n, 3n]);
    expect(() => toCel([1, 2, 3, 4], small)).toThrow(/4 entries exceeds the limit of 3/);
    expect(() => toCel({ a: 1, b: 2, c: 3, d: 4 }, small)).toThrow(/exceeds the limit of 3/);
    expect(() => toCel('abcdef', small)).toThrow(/length 6 exceeds the limit of 5/);
    expect(() => toCel([[[1]]], small)).toThrow(/deeper than 2/);
    // Weight: 1 per value plus a tenth per character.
    const record = { a: 1, b: 2, c: 3 };
    expect(() => toCel([record, record], small)).not.toThrow();
    expect(() => toCel([record, record, record], small)).toThrow(/weight exceeds 20/);
    const meter = new WeightMeter(20, 'the input');
    valueToCel(['abcde', 'abcde'], small, meter, 0);
    expect(meter.weight).toBe(4);
  });

  it('checks a variable against its declared type', () => {
    const conv = (t: Parameters<typeof variableToCel>[1], v: Value) =>
      variableToCel('v', t, v, limits, new WeightMeter(limits.maxInputWeight, 'the input'));
    expect(conv('int', 3)).toBe(3n);
    expect(conv('double', 3)).toBe(3);
    expect(conv('number', 3)).toBe(3n);
    expect(conv('number', 3.5)).toBe(3.5);
    expect(conv('map', { a: 1 })).toEqual(new Map([['a', 1n]]));
    expect(() => conv('int', 3.5)).toThrow(
      "variable 'v' must be a safe integer, got the number 3.5",
    );
    expect(() => conv('bool', 'true')).toThrow("variable 'v' must be of type bool, got a string");
    expect(() => conv('map', [1])).toThrow('must be of type map, got an array');
    expect(() => conv('list', { a: 1 })).toThrow('must be of type list, got an object');
    expect(() => conv('number', null)).toThrow('must be of type number, got null');
  });
});

describe('CEL → Value', () => {
  it('turns ints into numbers, maps into plain objects with sorted keys', () => {
    const raw = new Map<string, unknown>([
      ['b', [1n, 2.5, 'x', null, false]],
      ['a', { z: 1n, y: new Map([['k', -0]]) }],
    ]);
    const v = celToValue(raw, limits);
    expect(v).toEqual({ a: { y: { k: 0 }, z: 1 }, b: [1, 2.5, 'x', null, false] });
    expect(Object.keys(v as object)).toEqual(['a', 'b']);
    expect(Object.keys((v as { a: object }).a)).toEqual(['y', 'z']);
    expect(Object.is((v as { a: { y: { k: number } } }).a.y.k, 0)).toBe(true);
    expect(Object.getPrototypeOf((v as { a: object }).a)).toBe(Object.prototype);
  });

  it('rejects what a Value cannot hold', () => {
    expect(() => celToValue(2n ** 53n, limits)).toThrow(/outside the safe integer range/);
    expect(() => celToValue(-(2n ** 60n), limits)).toThrow(/outside the safe integer range/);
    expect(() => celToValue(Infinity, limits)).toThrow(/not a finite number/);
    expect(() => celToValue(NaN, limits)).toThrow(/not a finite number/);
    expect(() => celToValue(new Map([[1n, 'a']]), limits)).toThrow(/key 1 is not a string/);
    expect(() => celToValue(new Uint8Array(2), limits)).toThrow(
      /type Uint8Array cannot be returned/,
    );
    expect(() => celToValue(new Date(0), limits)).toThrow(/type Date cannot be returned/);
    expect(() => celToValue(undefined, limits)).toThrow(CelConversionError);
  });

  it('meters the result against its weight and depth limits', () => {
    const small = resolveExprLimits({ maxResultWeight: 10, maxValueDepth: 3 });
    expect(celToValue([1n, 2n, 3n], small)).toEqual([1, 2, 3]);
    const shared = [1n, 2n, 3n, 4n];
    // Sharing does not make a result cheap: every reference is converted.
    expect(() => celToValue([shared, shared, shared], small)).toThrow(/result is too large/);
    expect(() => celToValue([[[[1n]]]], small)).toThrow(/deeper than 3/);
  });
});
