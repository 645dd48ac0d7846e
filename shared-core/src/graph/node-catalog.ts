import type { NodeKind } from './graph-node.js';
import {
  clientSourceParamsSchema,
  filterParamsSchema,
  foldDynamicParamsSchema,
  foldParamsSchema,
  logSinkParamsSchema,
  mapParamsSchema,
  noParamsSchema,
  triggerParamsSchema,
  webhookSinkParamsSchema,
} from './node-params.js';
import type {
  ExpressionSlot,
  InputHandleSpec,
  NodeTypeSpec,
  OutputHandleSpec,
} from './node-type-spec.js';
import { VARIABLE_CATALOG } from './variable-catalog.js';

const setIn = (id: string, description: string): InputHandleSpec => ({
  id,
  description,
  accepts: 'set',
  multiple: false,
  required: true,
});
const orsetOut: OutputHandleSpec = {
  id: 'out',
  description: 'An orset that follows its inputs, removals included.',
  carries: 'orset',
  required: false,
};
const foldOut: OutputHandleSpec = {
  id: 'out',
  description: 'A topk state for aggregate topk, otherwise a number.',
  carries: 'fold-result',
  required: false,
};
const actionOut = (description: string): OutputHandleSpec => ({
  id: 'action',
  description,
  carries: 'action',
  required: true,
});
const overX = (path: string[], result: ExpressionSlot['result'], description: string) => ({
  path,
  variables: { x: 'dyn' } as const,
  result,
  description,
});

const binary = (type: string, label: string, description: string): NodeTypeSpec => ({
  kind: 'operator',
  type,
  label,
  description,
  inputs: [setIn('left', 'The left set.'), setIn('right', 'The right set.')],
  outputs: [orsetOut],
  params: noParamsSchema,
  defaultParams: {},
  expressions: [],
  sideEffects: false,
});

const OPERATORS: readonly NodeTypeSpec[] = [
  {
    kind: 'operator',
    type: 'map',
    label: 'map',
    description: 'Applies `fn` to every element (x) of a set.',
    inputs: [setIn('in', 'The set to map.')],
    outputs: [orsetOut],
    params: mapParamsSchema,
    defaultParams: { fn: 'x' },
    expressions: [overX(['fn'], 'dyn', 'The new element, from the element x.')],
    sideEffects: false,
  },
  {
    kind: 'operator',
    type: 'filter',
    label: 'filter',
    description: 'Keeps the elements (x) for which `predicate` holds.',
    inputs: [setIn('in', 'The set to filter.')],
    outputs: [orsetOut],
    params: filterParamsSchema,
    defaultParams: { predicate: 'true' },
    expressions: [overX(['predicate'], 'bool', 'Whether to keep the element x.')],
    sideEffects: false,
  },
  binary('union', 'union', 'The elements in either set.'),
  binary('intersection', 'intersection', 'The elements in both sets.'),
  binary('product', 'product', 'Every pair [l, r] of an element of each set.'),
  {
    kind: 'operator',
    type: 'fold',
    label: 'fold',
    description: 'Aggregates a set: sum, count, min, max or top-k, and stays right under removals.',
    inputs: [setIn('in', 'The set to aggregate.')],
    outputs: [foldOut],
    params: foldParamsSchema,
    defaultParams: { aggregate: 'count' },
    expressions: [
      overX(['value'], 'number', 'The number an element x contributes (default: x itself).'),
      overX(['key'], 'string', 'The top-k key of an element x (default: x as a string).'),
    ],
    sideEffects: false,
  },
  {
    kind: 'operator',
    type: 'fold_dynamic',
    label: 'fold dynamic',
    description: "Aggregates a dynamic variable across replicas: combines each replica's value.",
    inputs: [
      {
        id: 'in',
        description: 'A dynamic variable.',
        accepts: 'dynamic-state',
        multiple: false,
        required: true,
      },
    ],
    outputs: [foldOut],
    params: foldDynamicParamsSchema,
    defaultParams: { aggregate: 'sum' },
    expressions: [],
    sideEffects: false,
  },
];

const TRIGGER: NodeTypeSpec = {
  kind: 'trigger',
  type: 'threshold',
  label: 'threshold trigger',
  description: 'Sends an action once the watched state reaches a threshold (per key with perKey).',
  inputs: [
    {
      id: 'in',
      description: 'The watched state.',
      accepts: 'any-state',
      multiple: false,
      required: true,
    },
  ],
  outputs: [actionOut('The action, applied to every connected variable.')],
  params: triggerParamsSchema,
  defaultParams: {
    threshold: { kind: 'value', n: 100 },
    mode: 'invariant',
    action: { op: 'enable' },
  },
  expressions: [
    {
      path: ['action', 'value'],
      variables: { key: 'string', value: 'dyn' },
      result: 'dyn',
      description: 'The op argument, from the key ("" without perKey) and the watched value.',
    },
    {
      path: ['action', 'where'],
      variables: { x: 'dyn', key: 'string' },
      result: 'bool',
      description: 'Which elements x of a target set the op applies to.',
    },
  ],
  sideEffects: false,
};

const SOURCE: NodeTypeSpec = {
  kind: 'source',
  type: 'client',
  label: 'client updates',
  description: 'Updates sent by embedding applications (game clients).',
  inputs: [],
  outputs: [actionOut('The updates, applied to the connected variables.')],
  params: clientSourceParamsSchema,
  defaultParams: {},
  expressions: [],
  sideEffects: false,
};

const sinkIn: InputHandleSpec = {
  id: 'in',
  description: 'A state or value to report.',
  accepts: 'state-or-value',
  multiple: false,
  required: true,
};

const SINKS: readonly NodeTypeSpec[] = [
  {
    kind: 'sink',
    type: 'log',
    label: 'log',
    description: 'Logs every change of its input.',
    inputs: [sinkIn],
    outputs: [],
    params: logSinkParamsSchema,
    defaultParams: {},
    expressions: [
      {
        path: ['format'],
        variables: { value: 'dyn' },
        result: 'string',
        description: 'The line to log, from the value.',
      },
    ],
    sideEffects: false,
  },
  {
    kind: 'sink',
    type: 'webhook',
    label: 'webhook',
    description: 'POSTs every change of its input to a URL.',
    inputs: [sinkIn],
    outputs: [],
    params: webhookSinkParamsSchema,
    defaultParams: { url: 'https://example.com/hook' },
    expressions: [],
    sideEffects: true,
  },
];

/** Every node type there is; the editor builds its palette from this. */
export const NODE_CATALOG: readonly NodeTypeSpec[] = [
  ...VARIABLE_CATALOG,
  ...OPERATORS,
  TRIGGER,
  SOURCE,
  ...SINKS,
];

const byKey = new Map(NODE_CATALOG.map((spec) => [`${spec.kind}/${spec.type}`, spec]));

export const findNodeType = (kind: string, type: string): NodeTypeSpec | undefined =>
  byKey.get(`${kind}/${type}`);

export const nodeTypesOfKind = (kind: NodeKind): readonly NodeTypeSpec[] =>
  NODE_CATALOG.filter((spec) => spec.kind === kind);
