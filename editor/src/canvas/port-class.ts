import type { NodeTypeSpec } from '@inflow/shared-core';

type InputSpec = NodeTypeSpec['inputs'][number];
type OutputSpec = NodeTypeSpec['outputs'][number];

/** One CSS class per kind of data a handle takes or gives, so typed handles look different. */
export const inputClass = (h: InputSpec): string => `port port-in-${h.accepts}`;
export const outputClass = (h: OutputSpec): string => `port port-out-${h.carries}`;

const ACCEPTS: Record<InputSpec['accepts'], string> = {
  set: 'a set (orset or awset)',
  'own-type': 'states of its own type, or actions',
  'dynamic-state': 'the state of a dynamic variable',
  'any-state': 'any state',
  'state-or-value': 'a state or a number',
};
const CARRIES: Record<OutputSpec['carries'], string> = {
  'own-type': 'its state',
  orset: 'an orset',
  'fold-result': 'a number, or a topk state for top-k',
  action: 'actions',
};

export const inputTitle = (h: InputSpec): string =>
  `${h.id}: ${h.description} Takes ${ACCEPTS[h.accepts]}${h.multiple ? ', from several edges' : ''}.`;
export const outputTitle = (h: OutputSpec): string =>
  `${h.id}: ${h.description} Gives ${CARRIES[h.carries]}.`;
