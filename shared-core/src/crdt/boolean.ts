import { z } from 'zod';
import type { ByteReader } from '../encoding/byte-reader.js';
import type { CrdtType } from './crdt-type.js';

/** Lasp's state_boolean: false until some replica enables it, then true forever (join is OR). */
export interface BooleanState {
  value: boolean;
}
export type BooleanOp = { op: 'enable' };

const opSchema: z.ZodType<BooleanOp> = z.object({ op: z.literal('enable') });

export const boolean: CrdtType<BooleanState, BooleanOp, boolean, BooleanState> = {
  name: 'boolean',
  opSchema,
  bottom: () => ({ value: false }),
  clone: (s) => ({ value: s.value }),
  mergeInto(target, delta) {
    if (!delta.value || target.value) return false;
    target.value = true;
    return true;
  },
  leq: (a, b) => !a.value || b.value,
  equals: (a, b) => a.value === b.value,
  query: (s) => s.value,
  // Enabling an enabled flag changes nothing, so its delta is bottom.
  mutate: (s) => ({ value: !s.value }),
  decompose: (s) => (s.value ? [{ value: true }] : []),
  digest: (s) => s,
  deltaFor: (s, d) => ({ value: s.value && !d.value }),
  encode: (s, w) => w.byte(s.value ? 1 : 0),
  decode: (r) => ({ value: readFlag(r) }),
  encodeDigest: (d, w) => w.byte(d.value ? 1 : 0),
  decodeDigest: (r) => ({ value: readFlag(r) }),
};

function readFlag(r: ByteReader): boolean {
  const b = r.byte();
  if (b > 1) r.fail(`invalid boolean byte ${b}`);
  return b === 1;
}
