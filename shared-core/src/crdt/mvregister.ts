import { z } from 'zod';
import { compareValues, valueKey, valuesEqual, type Value } from '../values/value.js';
import { readValue, writeValue } from '../values/value-codec.js';
import { causalCrdtType } from './causal-crdt.js';
import type { DotStore } from './causal-type.js';
import { contextOf, dotFunStore, type DotFun, type PayloadCodec } from './dot-fun.js';
import { valueSchema } from './value-schema.js';

/**
 * Multi-value register (Almeida et al.; Lasp's state_mvregister): a set writes its value under a
 * fresh dot and supersedes the writes it has seen. Concurrent writes all survive until a later set
 * overwrites them; the query is their distinct values, sorted.
 */
export type MvRegisterStore = DotFun<Value>;
export type MvRegisterOp = { op: 'set'; value: Value };

const opSchema: z.ZodType<MvRegisterOp> = z.object({ op: z.literal('set'), value: valueSchema });

const valuePayload: PayloadCodec<Value> = {
  write: writeValue,
  read: (r) => readValue(r),
  equals: valuesEqual,
};

const store: DotStore<MvRegisterStore, MvRegisterOp, Value[]> = {
  ...dotFunStore(valuePayload),
  query(s) {
    const distinct = new Map<string, Value>();
    for (const e of s) distinct.set(valueKey(e.value), e.value);
    return [...distinct.values()].sort(compareValues);
  },
  mutate(s, cc, op, replica) {
    const seen = contextOf(s);
    const dot = cc.next(replica);
    seen.add(dot);
    return { store: [{ dot, value: op.value }], cc: seen };
  },
};

export const mvregister = causalCrdtType('mvregister', opSchema, store);
