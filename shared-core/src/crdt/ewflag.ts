import { z } from 'zod';
import { causalCrdtType } from './causal-crdt.js';
import type { DotStore } from './causal-type.js';
import { contextOf, dotFunStore, noPayload, type DotFun } from './dot-fun.js';

/**
 * Enable-wins flag (Almeida et al.; Lasp's state_ewflag): an enable writes a fresh dot, a disable
 * removes the dots it has seen. Enabled while any dot is present, so an enable concurrent with a
 * disable survives it. Starts disabled.
 */
export type FlagStore = DotFun<null>;
export type FlagOp = { op: 'enable' } | { op: 'disable' };

export const flagOpSchema: z.ZodType<FlagOp> = z.discriminatedUnion('op', [
  z.object({ op: z.literal('enable') }),
  z.object({ op: z.literal('disable') }),
]);

const store: DotStore<FlagStore, FlagOp, boolean> = {
  ...dotFunStore(noPayload),
  query: (s) => s.length > 0,
  mutate(s, cc, op, replica) {
    const seen = contextOf(s);
    if (op.op === 'disable') return { store: [], cc: seen };
    const dot = cc.next(replica);
    seen.add(dot);
    return { store: [{ dot, value: null }], cc: seen };
  },
};

export const ewflag = causalCrdtType('ewflag', flagOpSchema, store);
