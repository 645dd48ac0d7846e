import type { TypeName } from '../crdt/type-spec.js';

/**
 * The `op` names each type's `opSchema` accepts, so that a trigger's action can be checked against
 * the variables it targets without building the types. Must match `crdt/*.ts`.
 */
export const TYPE_OPS: { readonly [T in TypeName]: readonly string[] } = {
  gcounter: ['increment'],
  pncounter: ['increment', 'decrement'],
  maxint: ['increment', 'set'],
  boolean: ['enable'],
  ewflag: ['enable', 'disable'],
  dwflag: ['enable', 'disable'],
  gset: ['add', 'addAll'],
  twopset: ['add', 'addAll', 'remove', 'removeAll'],
  orset: ['add', 'addAll', 'remove', 'removeAll'],
  awset: ['add', 'addAll', 'remove', 'removeAll'],
  lwwregister: ['set'],
  mvregister: ['set'],
  ivar: ['set'],
  pair: ['fst', 'snd'],
  gmap: ['apply'],
  awmap: ['apply', 'remove'],
  topk: ['add'],
};
