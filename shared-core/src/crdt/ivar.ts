import { z } from 'zod';
import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import { compareValues, valuesEqual, type Value } from '../values/value.js';
import { readValue, writeValue } from '../values/value-codec.js';
import { OpError, type CrdtType } from './crdt-type.js';
import { valueSchema } from './value-schema.js';

/**
 * Single-assignment variable (Lasp's state_ivar): unset until written once. A replica refuses to
 * overwrite a value it has seen with a different one (OpError). Two replicas that write different
 * values concurrently cannot both be refused, so the lattice orders values by `compareValues` and
 * the greater write wins on every replica: a replica may then see its own value replaced once.
 */
export interface IVarState {
  current: Value | undefined;
}
export type IVarOp = { op: 'set'; value: Value };

const opSchema: z.ZodType<IVarOp> = z.object({ op: z.literal('set'), value: valueSchema });

function compare(a: Value | undefined, b: Value | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return compareValues(a, b);
}

export const ivar: CrdtType<IVarState, IVarOp, Value | null, IVarState> = {
  name: 'ivar',
  opSchema,
  bottom: () => ({ current: undefined }),
  // Values are immutable data, so sharing them between states is safe.
  clone: (s) => ({ current: s.current }),
  mergeInto(target, delta) {
    if (compare(delta.current, target.current) <= 0) return false;
    target.current = delta.current;
    return true;
  },
  leq: (a, b) => compare(a.current, b.current) <= 0,
  equals: (a, b) => compare(a.current, b.current) === 0,
  query: (s) => (s.current === undefined ? null : s.current),
  mutate(s, op) {
    if (s.current === undefined) return { current: op.value };
    if (valuesEqual(s.current, op.value)) return { current: undefined };
    throw new OpError('ivar is already set to a different value');
  },
  decompose: (s) => (s.current === undefined ? [] : [{ current: s.current }]),
  digest: (s) => s,
  deltaFor: (s, d) => ({ current: compare(s.current, d.current) > 0 ? s.current : undefined }),
  encode: (s, w) => writeOptional(w, s.current),
  decode: (r) => ({ current: readOptional(r) }),
  encodeDigest: (d, w) => writeOptional(w, d.current),
  decodeDigest: (r) => ({ current: readOptional(r) }),
};

function writeOptional(w: ByteWriter, value: Value | undefined): void {
  w.byte(value === undefined ? 0 : 1);
  if (value !== undefined) writeValue(w, value);
}

function readOptional(r: ByteReader): Value | undefined {
  const tag = r.byte();
  if (tag === 0) return undefined;
  if (tag !== 1) r.fail(`invalid ivar tag ${tag}`);
  return readValue(r);
}
