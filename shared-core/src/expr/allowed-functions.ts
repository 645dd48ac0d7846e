/**
 * The functions and macros an expression may call. Everything else the library offers is
 * refused at compile time, for one of three reasons: it reads or formats time (timestamp,
 * duration and their getters, whose time-zone variants depend on the host's tz database and
 * getDayOfYear on its local time zone), so results would differ between replicas; it could run
 * for unbounded time (`matches` uses JavaScript's backtracking RegExp, not RE2); or it handles
 * types a Value cannot hold (bytes, uint, optional).
 */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  'size',
  'int',
  'double',
  'string',
  'bool',
  'dyn',
  'type',
  'has',
]);

export const ALLOWED_METHODS: ReadonlySet<string> = new Set([
  'size',
  'contains',
  'startsWith',
  'endsWith',
  'indexOf',
  'lastIndexOf',
  'lowerAscii',
  'upperAscii',
  'trim',
  'substring',
  'split',
  'join',
  'all',
  'exists',
  'exists_one',
  'map',
  'filter',
  'bind',
]);

export const COMPREHENSIONS: ReadonlySet<string> = new Set([
  'all',
  'exists',
  'exists_one',
  'map',
  'filter',
]);

const TIME_FUNCTIONS = /^(timestamp|duration|now|get[A-Z]\w*)$/;

/** Why calling `name` is refused. */
export function refusalReason(name: string): string {
  if (TIME_FUNCTIONS.test(name)) {
    return `'${name}' is not available: expressions must not depend on time or time zones`;
  }
  if (name === 'matches') {
    return `'matches' is not available: regular expressions can take unbounded time; use contains, startsWith or endsWith`;
  }
  return `'${name}' is not available in expressions`;
}

/** Map-literal keys the library drops silently (prototype pollution guard), so they are refused. */
export const FORBIDDEN_MAP_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);
