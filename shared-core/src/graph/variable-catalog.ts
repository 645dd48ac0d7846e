import { TYPE_NAMES, type TypeName } from '../crdt/type-spec.js';
import type { NodeTypeSpec } from './node-type-spec.js';
import { variableParamsSchema } from './variable-params.js';

const DESCRIPTIONS: { readonly [T in TypeName]: string } = {
  gcounter: 'Grow-only counter.',
  pncounter: 'Counter that goes up and down.',
  maxint: 'The largest number written.',
  boolean: 'A flag that, once true, stays true.',
  ewflag: 'Enable-wins flag.',
  dwflag: 'Disable-wins flag.',
  gset: 'Grow-only set.',
  twopset: 'Set whose removals are permanent.',
  orset: 'Observed-remove set (add wins); the default set for operators.',
  awset: 'Add-wins set without tombstones.',
  lwwregister: 'Register: the last write (by timestamp) wins.',
  mvregister: 'Register that keeps every concurrent write.',
  ivar: 'Single-assignment variable.',
  pair: 'Two states side by side (fst, snd).',
  gmap: 'Grow-only map from keys to states of one type.',
  awmap: 'Add-wins map from keys to states of one causal type.',
  topk: 'The k best-scored keys.',
};

const DEFAULT_PARAMS: Partial<Record<TypeName, Record<string, unknown>>> = {
  topk: { k: 10 },
  gmap: { value: { name: 'gcounter' } },
  awmap: { value: { name: 'awset' } },
  pair: { fst: { name: 'gcounter' }, snd: { name: 'gcounter' } },
};

/** One palette entry per CRDT type: kind `variable`, type the type's name. */
export const VARIABLE_CATALOG: readonly NodeTypeSpec[] = TYPE_NAMES.map((type) => ({
  kind: 'variable',
  type,
  label: type,
  description: DESCRIPTIONS[type],
  inputs: [
    {
      id: 'in',
      description:
        'States of the same type, joined into the variable (bind_to), and actions from triggers and sources.',
      accepts: 'own-type',
      multiple: true,
      required: false,
    },
  ],
  outputs: [
    { id: 'out', description: 'The state of the variable.', carries: 'own-type', required: false },
  ],
  params: variableParamsSchema(type),
  defaultParams: DEFAULT_PARAMS[type] ?? {},
  expressions: [],
  sideEffects: false,
}));
