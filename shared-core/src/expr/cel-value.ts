import type { Value, ValueObject } from '../values/value.js';
import { byKey } from '../values/value.js';
import { stringWeight, type ExprLimits } from './expr-limits.js';
import { isPlainObject, type ExprType } from './expr-type.js';

/**
 * Conversion between Values (JSON data) and the values @marcbachmann/cel-js computes with.
 *
 * - A number that is a safe integer becomes a CEL int (a BigInt); every other number a double.
 *   CEL ints are 64-bit, but only safe integers survive the trip back, so only they go in.
 * - Arrays become lists; objects become Maps with their keys inserted in sorted order, so that
 *   iterating a map is a function of its contents (Values equal under `valueKey` behave alike),
 *   and keys such as `__proto__` are ordinary keys.
 * - Results come back as plain data: ints as numbers (an error outside the safe range), doubles
 *   as finite numbers (-0 as 0), lists as arrays, maps as objects with sorted string keys.
 *   Anything else (a type, bytes) is an error, so no BigInt, Map or class instance leaks out.
 */
export class CelConversionError extends Error {
  override readonly name = 'CelConversionError';
}

/** Counts the weight of the values crossing one way against a limit. */
export class WeightMeter {
  weight = 0;
  constructor(
    private readonly max: number,
    private readonly what: string,
  ) {}

  add(w: number): void {
    this.weight += w;
    if (this.weight > this.max) {
      throw new CelConversionError(`${this.what} is too large: its weight exceeds ${this.max}`);
    }
  }
}

/** Converts the value of a variable declared with type `t`; throws CelConversionError. */
export function variableToCel(
  name: string,
  t: ExprType,
  v: Value,
  limits: ExprLimits,
  meter: WeightMeter,
): unknown {
  switch (t) {
    case 'dyn':
      return valueToCel(v, limits, meter, 0);
    case 'number':
      if (typeof v !== 'number') break;
      return valueToCel(v, limits, meter, 0);
    case 'int':
      if (!Number.isSafeInteger(v)) break;
      meter.add(1);
      return BigInt(v as number);
    case 'double':
      if (typeof v !== 'number' || !Number.isFinite(v)) break;
      meter.add(1);
      return v;
    case 'bool':
      if (typeof v !== 'boolean') break;
      meter.add(1);
      return v;
    case 'string':
      if (typeof v !== 'string') break;
      return valueToCel(v, limits, meter, 0);
    case 'list':
      if (!Array.isArray(v)) break;
      return valueToCel(v, limits, meter, 0);
    case 'map':
      if (!isPlainObject(v)) break;
      return valueToCel(v, limits, meter, 0);
  }
  throw new CelConversionError(
    `variable '${name}' must be ${describeValueFor(t)}, got ${jsonKindOf(v)}`,
  );
}

function describeValueFor(t: ExprType): string {
  return t === 'int' ? 'a safe integer' : t === 'double' ? 'a finite number' : `of type ${t}`;
}

function jsonKindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return Number.isInteger(v) ? `the integer ${v}` : `the number ${v}`;
  return typeof v === 'object' ? (isPlainObject(v) ? 'an object' : kindOf(v)) : `a ${typeof v}`;
}

export function valueToCel(
  v: unknown,
  limits: ExprLimits,
  meter: WeightMeter,
  depth: number,
): unknown {
  switch (typeof v) {
    case 'boolean':
      meter.add(1);
      return v;
    case 'number':
      if (!Number.isFinite(v)) break;
      meter.add(1);
      return Number.isSafeInteger(v) ? BigInt(v) : v;
    case 'string':
      if (v.length > limits.maxInputStringLength) {
        throw new CelConversionError(
          `input string of length ${v.length} exceeds the limit of ${limits.maxInputStringLength}`,
        );
      }
      meter.add(stringWeight(v.length));
      return v;
    case 'object': {
      if (v === null) {
        meter.add(1);
        return null;
      }
      if (depth >= limits.maxValueDepth) {
        throw new CelConversionError(`input nests deeper than ${limits.maxValueDepth} levels`);
      }
      if (Array.isArray(v)) {
        checkCollectionSize(v.length, limits);
        meter.add(1);
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) out[i] = valueToCel(v[i], limits, meter, depth + 1);
        return out;
      }
      if (!isPlainObject(v)) break;
      const keys = Object.keys(v).sort();
      checkCollectionSize(keys.length, limits);
      meter.add(1);
      const out = new Map<string, unknown>();
      for (const k of keys) {
        out.set(k, valueToCel(v[k], limits, meter, depth + 1));
        meter.add(stringWeight(k.length));
      }
      return out;
    }
  }
  throw new CelConversionError(`input is not JSON data: ${jsonKindOf(v)}`);
}

function checkCollectionSize(n: number, limits: ExprLimits): void {
  if (n > limits.maxInputCollectionSize) {
    throw new CelConversionError(
      `input list or object of ${n} entries exceeds the limit of ${limits.maxInputCollectionSize}`,
    );
  }
}

/** Converts a CEL result back to a Value; throws CelConversionError. */
export function celToValue(raw: unknown, limits: ExprLimits): Value {
  return fromCel(raw, limits, new WeightMeter(limits.maxResultWeight, 'the result'), 0);
}

function fromCel(raw: unknown, limits: ExprLimits, meter: WeightMeter, depth: number): Value {
  switch (typeof raw) {
    case 'boolean':
      meter.add(1);
      return raw;
    case 'string':
      meter.add(stringWeight(raw.length));
      return raw;
    case 'bigint': {
      const n = Number(raw);
      if (!Number.isSafeInteger(n) || BigInt(n) !== raw) {
        throw new CelConversionError(`integer result ${raw} is outside the safe integer range`);
      }
      meter.add(1);
      return n;
    }
    case 'number':
      if (!Number.isFinite(raw))
        throw new CelConversionError(`result ${raw} is not a finite number`);
      meter.add(1);
      return raw === 0 ? 0 : raw;
    case 'object': {
      if (raw === null) {
        meter.add(1);
        return null;
      }
      if (depth >= limits.maxValueDepth) {
        throw new CelConversionError(`result nests deeper than ${limits.maxValueDepth} levels`);
      }
      meter.add(1);
      if (Array.isArray(raw)) return raw.map((item) => fromCel(item, limits, meter, depth + 1));
      const entries =
        raw instanceof Map ? [...raw] : isPlainObject(raw) ? Object.entries(raw) : null;
      if (!entries) break;
      const out: [string, Value][] = [];
      for (const [k, item] of entries) {
        if (typeof k !== 'string') {
          throw new CelConversionError(`result map key ${String(k)} is not a string`);
        }
        meter.add(stringWeight(k.length));
        out.push([k, fromCel(item, limits, meter, depth + 1)]);
      }
      out.sort(byKey);
      return Object.fromEntries(out) as ValueObject;
    }
  }
  throw new CelConversionError(`a result of type ${kindOf(raw)} cannot be returned`);
}

/** The CEL-flavoured name of a value's type, for error messages. */
export function kindOf(x: unknown): string {
  switch (typeof x) {
    case 'bigint':
      return 'int';
    case 'number':
      return Number.isFinite(x) ? 'double' : String(x);
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'object':
      if (x === null) return 'null';
      if (Array.isArray(x)) return 'list';
      if (x instanceof Map || isPlainObject(x)) return 'map';
      return x.constructor?.name || 'object';
    default:
      return typeof x;
  }
}
