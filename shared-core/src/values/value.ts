/**
 * An element value: what sets hold, registers store and expressions return. Plain JSON data,
 * so it serialises the same everywhere; numbers are finite.
 */
export type Value = null | boolean | number | string | readonly Value[] | ValueObject;
export interface ValueObject {
  readonly [key: string]: Value;
}

/** How deeply a value may nest: deeper data is refused, not recursed into. */
export const MAX_ELEMENT_DEPTH = 64;

export function isValue(x: unknown, depth = 0): x is Value {
  if (depth > MAX_ELEMENT_DEPTH) return false;
  if (x === null || typeof x === 'boolean' || typeof x === 'string') return true;
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every((item) => isValue(item, depth + 1));
  if (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
    return Object.values(x).every((item) => isValue(item, depth + 1));
  }
  return false;
}

/**
 * The canonical identity of a value: equal values have equal keys, whatever their object key
 * order. A top-level string is its own text behind a quote, the common case kept cheap; no other
 * value's key starts with a bare quote followed by raw text, so keys stay unique.
 */
export function valueKey(v: Value): string {
  return typeof v === 'string' ? '"' + v : canonicalJson(v);
}

function canonicalJson(v: Value): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  const obj = v as ValueObject;
  const keys = Object.keys(obj).sort();
  return (
    '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(obj[k] as Value)).join(',') + '}'
  );
}

const rank = (v: Value): number =>
  v === null
    ? 0
    : typeof v === 'boolean'
      ? 1
      : typeof v === 'number'
        ? 2
        : typeof v === 'string'
          ? 3
          : Array.isArray(v)
            ? 4
            : 5;

/** A total order on values (null < booleans < numbers < strings < arrays < objects), for deterministic output. */
export function compareValues(a: Value, b: Value): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const ka = canonicalJson(a);
  const kb = canonicalJson(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function valuesEqual(a: Value, b: Value): boolean {
  return a === b || valueKey(a) === valueKey(b);
}

/** Orders [key, value] entries by key, for encodings that must not depend on insertion order. */
export const byKey = <T>([a]: readonly [string, T], [b]: readonly [string, T]): number =>
  a < b ? -1 : a > b ? 1 : 0;
