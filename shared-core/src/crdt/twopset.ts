import { z } from 'zod';
import type { ByteReader } from '../encoding/byte-reader.js';
import { valueKey, type Value } from '../values/value.js';
import type { CrdtType } from './crdt-type.js';
import { readElements, readKeys, writeElements, writeKeys } from './element-codec.js';
import { sortedValues } from './gset.js';
import { valueSchema } from './value-schema.js';

/**
 * Two-phase set (Lasp's state_twopset): a removal is permanent, so a removed element can never come
 * back. Each element is absent < present < removed, and join takes the later phase; a removed
 * element is kept only in `removed` (its add no longer matters). Removing an element that was never
 * added is allowed: the tombstone stops any later add.
 */
export interface TwoPSetState {
  present: Map<string, Value>;
  removed: Map<string, Value>;
}
export type TwoPSetOp =
  | { op: 'add'; value: Value }
  | { op: 'addAll'; values: Value[] }
  | { op: 'remove'; value: Value }
  | { op: 'removeAll'; values: Value[] };
export interface TwoPSetDigest {
  present: Set<string>;
  removed: Set<string>;
}

const opSchema: z.ZodType<TwoPSetOp> = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), value: valueSchema }),
  z.object({ op: z.literal('addAll'), values: z.array(valueSchema) }),
  z.object({ op: z.literal('remove'), value: valueSchema }),
  z.object({ op: z.literal('removeAll'), values: z.array(valueSchema) }),
]);

const opValues = (op: TwoPSetOp): Value[] =>
  op.op === 'add' || op.op === 'remove' ? [op.value] : op.values;

export const twopset: CrdtType<TwoPSetState, TwoPSetOp, Value[], TwoPSetDigest> = {
  name: 'twopset',
  opSchema,
  bottom: () => ({ present: new Map(), removed: new Map() }),
  clone: (s) => ({ present: new Map(s.present), removed: new Map(s.removed) }),
  mergeInto(target, delta) {
    let grew = false;
    for (const [key, value] of delta.removed) {
      if (target.removed.has(key)) continue;
      target.removed.set(key, value);
      target.present.delete(key);
      grew = true;
    }
    for (const [key, value] of delta.present) {
      if (target.present.has(key) || target.removed.has(key)) continue;
      target.present.set(key, value);
      grew = true;
    }
    return grew;
  },
  leq(a, b) {
    for (const key of a.removed.keys()) if (!b.removed.has(key)) return false;
    for (const key of a.present.keys())
      if (!b.present.has(key) && !b.removed.has(key)) return false;
    return true;
  },
  equals: (a, b) =>
    a.present.size === b.present.size && a.removed.size === b.removed.size && twopset.leq(a, b),
  query: (s) => sortedValues(s.present.values()),
  mutate(s, op) {
    const delta = twopset.bottom();
    const removing = op.op === 'remove' || op.op === 'removeAll';
    for (const value of opValues(op)) {
      const key = valueKey(value);
      if (s.removed.has(key)) continue;
      if (removing) delta.removed.set(key, value);
      else if (!s.present.has(key)) delta.present.set(key, value);
    }
    return delta;
  },
  decompose: (s) => [
    ...[...s.present].map((entry) => ({ present: new Map([entry]), removed: new Map() })),
    ...[...s.removed].map((entry) => ({ present: new Map(), removed: new Map([entry]) })),
  ],
  digest: (s) => ({ present: new Set(s.present.keys()), removed: new Set(s.removed.keys()) }),
  deltaFor(s, d) {
    const delta = twopset.bottom();
    for (const [key, value] of s.removed) if (!d.removed.has(key)) delta.removed.set(key, value);
    for (const [key, value] of s.present) {
      if (!d.present.has(key) && !d.removed.has(key)) delta.present.set(key, value);
    }
    return delta;
  },
  encode(s, w) {
    writeElements(w, s.present);
    writeElements(w, s.removed);
  },
  decode(r) {
    const s = twopset.bottom();
    readElements(r, s.present);
    readElements(r, s.removed);
    rejectOverlap(r, s.present.keys(), s.removed);
    return s;
  },
  encodeDigest(d, w) {
    writeKeys(w, d.present);
    writeKeys(w, d.removed);
  },
  decodeDigest(r) {
    const d: TwoPSetDigest = { present: new Set(), removed: new Set() };
    readKeys(r, d.present);
    readKeys(r, d.removed);
    rejectOverlap(r, d.present, d.removed);
    return d;
  },
};

function rejectOverlap(
  r: ByteReader,
  present: Iterable<string>,
  removed: { has(k: string): boolean },
): void {
  for (const key of present) if (removed.has(key)) r.fail('element both present and removed');
}
