import type { ReplicaId } from '../crdt/crdt-type.js';
import { chooseExecutor } from '../dataflow/executor.js';
import { bindToProcess } from '../dataflow/processes/bind-to.js';
import { filterProcess } from '../dataflow/processes/filter.js';
import { foldDynamicProcess } from '../dataflow/processes/fold-dynamic.js';
import { foldProcess } from '../dataflow/processes/fold.js';
import { intersectionProcess } from '../dataflow/processes/intersection.js';
import { mapProcess } from '../dataflow/processes/map.js';
import { productProcess } from '../dataflow/processes/product.js';
import { triggerProcess } from '../dataflow/processes/trigger.js';
import { unionProcess } from '../dataflow/processes/union.js';
import type { Runtime } from '../dataflow/runtime.js';
import { RuntimeError } from '../dataflow/runtime-errors.js';
import type { GraphDocument } from '../graph/graph-document.js';
import type { GraphNode } from '../graph/graph-node.js';
import type { FoldDynamicParams, FoldParams, TriggerParams } from '../graph/node-params.js';
import { isDynamicVariable, variableTypeSpec } from '../graph/variable-params.js';
import { erase } from '../crdt/erase.js';
import { createContributions } from '../dataflow/dynamic-contributions.js';
import type { Value } from '../values/value.js';
import { findNodeType } from '../graph/node-catalog.js';
import { valueKey } from '../values/value.js';
import { heldState } from './held-state.js';
import { compileNodeExpressions } from './node-expressions.js';
import { triggerAction } from './trigger-action.js';

/** The part of a graph one replica runs (see `agentShare`); the whole graph when absent. */
export interface GraphShare {
  /** The operator, trigger, sink and source nodes this replica runs. */
  nodes: readonly string[];
  /** The variables (and operator outputs) it holds a replica of. */
  variables: readonly string[];
}

/** A side effect to perform once per deployment: `perform` runs only if the gate grants it. */
export interface EffectRequest {
  node: string;
  key: string;
}

/** A value reaching a sink, with the sink's params (a webhook's `url`). */
export interface SinkDelivery {
  node: string;
  type: string;
  params: Record<string, unknown>;
  value: unknown;
  text?: string;
}

export interface GraphProgramOptions {
  /** The replicas an `enforce_once` trigger chooses its executor from (default: this one alone). */
  membership?: () => readonly ReplicaId[];
  /** A sink received a value: a `log` line, or a `webhook` to call. */
  onSink?: (sink: SinkDelivery) => void | Promise<void>;
  /** Install only this share of the graph. */
  share?: GraphShare;
  /**
   * Gates the action of every `enforce_once` trigger (an agent asks the hub's effect ledger, so
   * the action happens once per deployment even across failover). Default: perform at once.
   */
  effects?: (effect: EffectRequest, perform: () => void | Promise<void>) => void;
}

export interface GraphProgram {
  /** The keys each trigger has fired for on this replica. */
  fired(triggerId: string): ReadonlySet<string>;
}

/**
 * Installs a validated graph on a runtime: every variable and operator becomes a runtime variable
 * named by its node id, every operator, bind, trigger and sink a process. This is what an agent
 * runs for the nodes placed on it, and what `npm start` runs in-process.
 */
export function installGraph(
  runtime: Runtime,
  graph: GraphDocument,
  options: GraphProgramOptions = {},
): GraphProgram {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const inputs = (node: string, handle: string) =>
    graph.edges.filter((e) => e.target === node && e.targetHandle === handle).map((e) => e.source);
  const input = (node: string, handle: string): string => {
    const [source] = inputs(node, handle);
    if (!source) throw new RuntimeError(`node ${node}: nothing is connected to ${handle}`);
    return source;
  };
  const triggers = new Map<string, { fired(): ReadonlySet<string> }>();
  const runs = options.share ? new Set(options.share.nodes) : undefined;
  const runsHere = (id: string) => runs?.has(id) ?? true;
  const held = options.share
    ? heldState(graph, options.share.nodes, options.share.variables)
    : undefined;
  const holdsHere = (id: string) => held?.has(id) ?? true;

  for (const node of graph.nodes.filter((n) => n.kind === 'variable' && holdsHere(n.id))) {
    const spec = variableTypeSpec(node);
    if (!spec) throw new RuntimeError(`node ${node.id}: invalid variable type ${node.type}`);
    runtime.declare(node.id, spec, { dynamic: isDynamicVariable(node) });
  }
  // Operators in dependency order, so each one's inputs exist when it starts. An output held
  // here but computed elsewhere is a plain replica, fed by the hub.
  for (const node of operatorOrder(graph, nodes)) {
    if (runsHere(node.id)) installOperator(runtime, node, input);
    else if (holdsHere(node.id)) declareOperatorOutput(runtime, node);
  }

  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    const isBind =
      target?.kind === 'variable' && (source?.kind === 'variable' || source?.kind === 'operator');
    if (isBind && runtime.has(edge.source) && runtime.has(edge.target))
      runtime.addProcess(bindToProcess(runtime, `${edge.id}:bind`, edge.source, edge.target));
  }

  for (const node of graph.nodes) {
    if (!runsHere(node.id)) continue;
    if (node.kind === 'trigger') {
      const params = node.params as TriggerParams;
      const targets = graph.edges
        .filter((e) => e.source === node.id && e.sourceHandle === 'action')
        .map((e) => e.target);
      const performs =
        params.mode === 'invariant'
          ? () => true
          : () => chooseExecutor(options.membership?.() ?? [runtime.replica]) === runtime.replica;
      const act = triggerAction(
        runtime,
        node.id,
        targets,
        params.action,
        compileNodeExpressions(node),
      );
      const gate = params.mode === 'enforce_once' ? options.effects : undefined;
      const process = triggerProcess(runtime, node.id, input(node.id, 'in'), {
        threshold: params.threshold,
        ...(params.perKey ? { perKey: true } : {}),
        performs,
        action: gate
          ? (firing) => gate({ node: node.id, key: firing.key }, () => act(firing))
          : act,
      });
      runtime.addProcess(process);
      triggers.set(node.id, process);
    } else if (node.kind === 'sink') {
      installSink(runtime, node, input(node.id, 'in'), options);
    }
  }

  return {
    fired: (id) => triggers.get(id)?.fired() ?? new Set(),
  };
}

/** Operators whose output is an orset carrying Lasp's element metadata. */
export const SET_OPERATORS: ReadonlySet<string> = new Set([
  'map',
  'filter',
  'union',
  'intersection',
  'product',
]);

function installOperator(
  runtime: Runtime,
  node: GraphNode,
  input: (node: string, handle: string) => string,
): void {
  const expr = compileNodeExpressions(node);
  const fn = (path: string) => {
    const e = expr.get(path);
    return e ? (x: Value) => e.evaluate({ x }) : undefined;
  };
  const set = () => runtime.declare(node.id, { name: 'orset' }, { derived: true });
  switch (node.type) {
    case 'map':
      set();
      return runtime.addProcess(
        mapProcess(runtime, node.id, input(node.id, 'in'), node.id, fn('fn') ?? ((x) => x)),
      );
    case 'filter': {
      set();
      const predicate = fn('predicate') ?? (() => true);
      return runtime.addProcess(
        filterProcess(
          runtime,
          node.id,
          input(node.id, 'in'),
          node.id,
          (x) => predicate(x) === true,
        ),
      );
    }
    case 'union':
    case 'intersection':
    case 'product': {
      set();
      const make = {
        union: unionProcess,
        intersection: intersectionProcess,
        product: productProcess,
      }[node.type];
      return runtime.addProcess(
        make(runtime, node.id, input(node.id, 'left'), input(node.id, 'right'), node.id),
      );
    }
    case 'fold': {
      const params = node.params as FoldParams;
      const value = fn('value');
      const key = fn('key');
      return runtime.addProcess(
        foldProcess(runtime, node.id, input(node.id, 'in'), node.id, {
          aggregate: params.aggregate,
          ...(value ? { value } : {}),
          ...(key ? { key } : {}),
          ...(params.k ? { k: params.k } : {}),
        }),
      );
    }
    case 'fold_dynamic': {
      const params = node.params as FoldDynamicParams;
      return runtime.addProcess(
        foldDynamicProcess(runtime, node.id, input(node.id, 'in'), node.id, {
          aggregate: params.aggregate,
          ...(params.k ? { k: params.k } : {}),
        }),
      );
    }
    default:
      throw new RuntimeError(`node ${node.id}: unknown operator ${node.type}`);
  }
}

/** Declares an operator's output as a replica of what the agents running it produce. */
function declareOperatorOutput(runtime: Runtime, node: GraphNode): void {
  if (node.type === 'fold_dynamic') {
    const params = node.params as FoldDynamicParams;
    const type = erase(createContributions(params.aggregate, params.k));
    runtime.declareType(node.id, type);
  } else if (SET_OPERATORS.has(node.type)) {
    runtime.declare(node.id, { name: 'orset' });
  } else {
    // A fold's result is a local value; `agentShare` runs the fold wherever it is read.
    throw new RuntimeError(`node ${node.id}: a ${node.type} result is local to where it runs`);
  }
}

/**
 * A sink hears every change of its input. A side-effecting one (a webhook) goes through the
 * effects gate keyed by the value, so each value is delivered once per deployment.
 */
function installSink(
  runtime: Runtime,
  node: GraphNode,
  input: string,
  { onSink, effects }: GraphProgramOptions,
): void {
  const format = compileNodeExpressions(node).get('format');
  const gated = findNodeType(node.kind, node.type)?.sideEffects === true ? effects : undefined;
  runtime.subscribe(input, ({ value }) => {
    const text = format ? String(format.evaluate({ value: value as Value })) : undefined;
    const delivery: SinkDelivery = {
      node: node.id,
      type: node.type,
      params: node.params,
      value,
      ...(text === undefined ? {} : { text }),
    };
    if (!gated) void onSink?.(delivery);
    else gated({ node: node.id, key: valueKey(value as Value) }, () => onSink?.(delivery));
  });
}

/** Operator nodes sorted so that every operator comes after the operators it reads. */
function operatorOrder(graph: GraphDocument, nodes: Map<string, GraphNode>): GraphNode[] {
  const operators = graph.nodes.filter((n) => n.kind === 'operator');
  const done = new Set<string>();
  const ordered: GraphNode[] = [];
  const visit = (node: GraphNode, path: Set<string>) => {
    if (done.has(node.id)) return;
    if (path.has(node.id)) throw new RuntimeError(`operators form a cycle through ${node.id}`);
    path.add(node.id);
    for (const e of graph.edges) {
      const upstream = e.target === node.id ? nodes.get(e.source) : undefined;
      if (upstream?.kind === 'operator') visit(upstream, path);
    }
    done.add(node.id);
    ordered.push(node);
  };
  for (const node of operators) visit(node, new Set());
  return ordered;
}
