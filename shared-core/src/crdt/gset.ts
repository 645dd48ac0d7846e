import { z } from 'zod';
import { compareValues, valueKey, type Value } from '../values/value.js';
import type { CrdtType } from './crdt-type.js';
import { readElements, readKeys, writeElements, writeKeys } from './element-codec.js';
import { valueSchema } from './value-schema.js';

/** Grow-only set: elements by their valueKey. Its digest is the set of keys a replica holds. */
export type GSetState = Map<string, Value>;
export type GSetOp = { op: 'add'; value: Value } | { op: 'addAll'; values: Value[] };

const opSchema: z.ZodType<GSetOp> = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), value: valueSchema }),
  z.object({ op: z.literal('addAll'), values: z.array(valueSchema) }),
]);

/** The elements of a set's value, sorted: the query of every set type. */
export const sortedValues = (values: Iterable<Value>): Value[] => [...values].sort(compareValues);

export const gset: CrdtType<GSetState, GSetOp, Value[], Set<string>> = {
  name: 'gset',
  opSchema,
  bottom: () => new Map(),
  clone: (s) => new Map(s),
  mergeInto(target, delta) {
    const before = target.size;
    for (const [key, value] of delta) if (!target.has(key)) target.set(key, value);
    return target.size > before;
  },
  leq(a, b) {
    if (a.size > b.size) return false;
    for (const key of a.keys()) if (!b.has(key)) return false;
    return true;
  },
  equals: (a, b) => a.size === b.size && gset.leq(a, b),
  query: (s) => sortedValues(s.values()),
  mutate(s, op) {
    const delta: GSetState = new Map();
    for (const value of op.op === 'add' ? [op.value] : op.values) {
      const key = valueKey(value);
      if (!s.has(key)) delta.set(key, value);
    }
    return delta;
  },
  decompose: (s) => [...s].map((entry) => new Map([entry])),
  digest: (s) => new Set(s.keys()),
  deltaFor(s, d) {
    const delta: GSetState = new Map();
    for (const [key, value] of s) if (!d.has(key)) delta.set(key, value);
    return delta;
  },
  encode: (s, w) => writeElements(w, s),
  decode(r) {
    const s: GSetState = new Map();
    readElements(r, s);
    return s;
  },
  encodeDigest: (d, w) => writeKeys(w, d),
  decodeDigest(r) {
    const d = new Set<string>();
    readKeys(r, d);
    return d;
  },
};
