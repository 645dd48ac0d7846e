import type { GraphNode } from '../graph/graph-node.js';
import { findNodeType } from '../graph/node-catalog.js';
import type { PlacementAgent, PlacementConstraint, PlacementProblem } from './placement-types.js';

/** Side effects (enforce_once triggers, webhook sinks) run on trusted agents only. */
export function needsTrust(node: GraphNode): boolean {
  const enforceOnce =
    node.kind === 'trigger' && (node.params as { mode?: string }).mode === 'enforce_once';
  return (
    enforceOnce ||
    node.placement?.trustedOnly === true ||
    findNodeType(node.kind, node.type)?.sideEffects === true
  );
}

export const describeLabels = (labels: Readonly<Record<string, string>>): string =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

export interface Qualified {
  /** Indices (into the agents given) that pass every hard constraint, in the given order. */
  candidates: number[];
  removed: { constraint: PlacementConstraint; agents: string[] }[];
}

/**
 * Filters the agents through a node's hard constraints in a fixed order (pin, selector, trust,
 * online) and records which each removed. An agent that is away keeps the node if it ran it
 * (`runsNow`), but is not given it anew. Returns the problem when none is left, or too few for
 * the replicas asked.
 */
export function qualify(
  node: GraphNode,
  agents: readonly PlacementAgent[],
  runsNow: ReadonlySet<string>,
): Qualified | { problem: PlacementProblem } {
  if (agents.length === 0) {
    // Else the first filter (the pin) would take the blame for a node that has no pin.
    const message = `node ${node.id} has no agent to run on: none is connected`;
    return { problem: { nodeId: node.id, constraint: 'no-agents', message } };
  }
  const hint = node.placement ?? {};
  const selector = Object.entries(hint.selector ?? {});
  const filters: [PlacementConstraint, (a: PlacementAgent) => boolean, () => string][] = [
    [
      'pin',
      (a) => hint.pin === undefined || a.name === hint.pin,
      () => `node ${node.id} is pinned to agent ${hint.pin}, which is not connected`,
    ],
    [
      'selector',
      (a) => selector.every(([k, v]) => a.labels[k] === v),
      () =>
        `node ${node.id} needs an agent labelled ${describeLabels(hint.selector ?? {})}; none is connected`,
    ],
    [
      'trusted',
      (a) => !needsTrust(node) || a.trusted,
      () =>
        `node ${node.id} has side effects and needs a trusted agent; none matching is connected`,
    ],
    [
      'offline',
      (a) => a.online !== false || runsNow.has(a.name),
      () => `node ${node.id} can only run on agents that are away now; none matching is online`,
    ],
  ];
  let pool = agents.map((_, i) => i);
  const removed: Qualified['removed'] = [];
  for (const [constraint, keep, problem] of filters) {
    const kept = pool.filter((i) => keep(agents[i] as PlacementAgent));
    if (kept.length === 0) return { problem: { nodeId: node.id, constraint, message: problem() } };
    if (kept.length < pool.length) {
      const gone = pool
        .filter((i) => !kept.includes(i))
        .map((i) => (agents[i] as PlacementAgent).name);
      removed.push({ constraint, agents: gone });
    }
    pool = kept;
  }
  const replicas = hint.replicas ?? 1;
  if (!hint.each && pool.length < replicas) {
    return {
      problem: {
        nodeId: node.id,
        constraint: 'replicas',
        message: `node ${node.id} asks for ${replicas} replicas on different agents but only ${pool.length} agent(s) qualify`,
      },
    };
  }
  return { candidates: pool, removed };
}
