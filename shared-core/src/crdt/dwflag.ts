import { causalCrdtType } from './causal-crdt.js';
import type { DotStore } from './causal-type.js';
import { contextOf, dotFunStore, noPayload } from './dot-fun.js';
import { flagOpSchema, type FlagOp, type FlagStore } from './ewflag.js';

/**
 * Disable-wins flag (Almeida et al.; Lasp's state_dwflag), the mirror of ewflag: a disable writes
 * a fresh dot, an enable removes the dots it has seen. Enabled while no dot is present, so it
 * starts enabled (as in Lasp) and a disable concurrent with an enable survives it.
 */
const store: DotStore<FlagStore, FlagOp, boolean> = {
  ...dotFunStore(noPayload),
  query: (s) => s.length === 0,
  mutate(s, cc, op, replica) {
    const seen = contextOf(s);
    if (op.op === 'enable') return { store: [], cc: seen };
    const dot = cc.next(replica);
    seen.add(dot);
    return { store: [{ dot, value: null }], cc: seen };
  },
};

export const dwflag = causalCrdtType('dwflag', flagOpSchema, store);
