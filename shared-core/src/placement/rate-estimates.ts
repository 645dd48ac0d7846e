import type { GraphDocument } from '../graph/graph-document.js';
import type { GraphNode } from '../graph/graph-node.js';
import { isDynamicVariable } from '../graph/variable-params.js';

/** Whether a node's state replicates through the hub: non-dynamic variables and operator outputs but a fold's. */
export const isReplicatedState = (node: GraphNode): boolean =>
  (node.kind === 'variable' && !isDynamicVariable(node)) ||
  (node.kind === 'operator' && node.type !== 'fold');

/** Typical encoded delta sizes by state type, from the binary encodings of shared-core's CRDTs. */
const BYTES_PER_DELTA: Readonly<Record<string, number>> = {
  gcounter: 12,
  pncounter: 20,
  maxint: 10,
  boolean: 3,
  ewflag: 14,
  dwflag: 14,
  gset: 24,
  twopset: 26,
  orset: 40,
  awset: 36,
  lwwregister: 32,
  mvregister: 40,
  ivar: 24,
  pair: 48,
  gmap: 28,
  awmap: 48,
  topk: 32,
};
const SET_OPERATOR_DELTA = BYTES_PER_DELTA.orset as number;
const DEFAULT_DELTA = 32;

/** Updates per second, when nothing was measured. */
const CLIENT_UPDATES_PER_AGENT = 10;
const TRIGGER_UPDATES = 0.1;
const HUB_WRITTEN_UPDATES = 1;

/** How an operator's output update rate follows from its inputs' rates. */
const OUTPUT_RATE: Readonly<Record<string, (inputs: number[]) => number>> = {
  map: (i) => sum(i),
  filter: (i) => sum(i) / 2,
  union: (i) => sum(i),
  intersection: (i) => sum(i) / 2,
  // Each new element pairs with elements already on the other side.
  product: (i) => 2 * sum(i),
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export interface RateEstimate {
  /** Estimated bytes/s of deltas for each replicated state. */
  bytesPerSecond: Map<string, number>;
  /** The states written from the agents (sources, triggers, operators), not only at the hub. */
  agentWritten: Set<string>;
}

/**
 * Type-based delta rates for a graph that nothing has measured yet: a client source writes 10
 * updates/s on each agent it runs on, a trigger rarely (0.1/s), a variable no node writes is
 * written at the hub (1/s); operators derive theirs from their inputs; bytes per update follow
 * the state type. Crude on purpose: placement needs their proportions, not their values, and
 * measured rates replace them once a deployment runs.
 */
export function estimateRates(
  graph: GraphDocument,
  replicasOf: (node: GraphNode) => number,
): RateEstimate {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const into = new Map<string, { source: string; action: boolean }[]>();
  for (const e of graph.edges) {
    const list = into.get(e.target) ?? [];
    list.push({ source: e.source, action: e.sourceHandle === 'action' });
    into.set(e.target, list);
  }
  const updates = new Map<string, number>();
  const agentWritten = new Set<string>();
  const visiting = new Set<string>();

  const updatesOf = (id: string): number => {
    const known = updates.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    // A loop through bind edges adds nothing more to the estimate.
    if (!node || visiting.has(id)) return 0;
    visiting.add(id);
    const inputs = (into.get(id) ?? []).map((e) => ({ ...e, rate: writerRate(e.source) }));
    let rate: number;
    if (node.kind === 'variable') {
      rate = sum(inputs.map((i) => i.rate));
      if (inputs.length > 0) agentWritten.add(id);
      else rate = HUB_WRITTEN_UPDATES;
    } else if (node.kind === 'operator') {
      agentWritten.add(id);
      rate = (OUTPUT_RATE[node.type] ?? sum)(inputs.map((i) => i.rate));
    } else rate = 0;
    visiting.delete(id);
    updates.set(id, rate);
    return rate;
  };
  const writerRate = (id: string): number => {
    const node = byId.get(id);
    if (node?.kind === 'source') return CLIENT_UPDATES_PER_AGENT * replicasOf(node);
    if (node?.kind === 'trigger') return TRIGGER_UPDATES;
    return updatesOf(id);
  };

  const bytesPerSecond = new Map<string, number>();
  for (const node of graph.nodes) {
    if (!isReplicatedState(node)) continue;
    const perDelta =
      node.kind === 'variable'
        ? (BYTES_PER_DELTA[node.type] ?? DEFAULT_DELTA)
        : node.type === 'fold_dynamic'
          ? DEFAULT_DELTA
          : SET_OPERATOR_DELTA;
    bytesPerSecond.set(node.id, updatesOf(node.id) * perDelta);
  }
  return { bytesPerSecond, agentWritten };
}
