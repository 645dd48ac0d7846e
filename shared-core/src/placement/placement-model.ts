import type { GraphDocument } from '../graph/graph-document.js';
import type { GraphNode } from '../graph/graph-node.js';
import { qualify } from './hard-constraints.js';
import type {
  PlacementAgent,
  PlacementConstraint,
  PlacementPlan,
  PlacementProblem,
  StreamRate,
} from './placement-types.js';
import { estimateRates, isReplicatedState } from './rate-estimates.js';

/** A graph node that placement assigns to agents. */
export interface ModelNode {
  readonly node: GraphNode;
  /** Agents (indices into the model's agents) that pass every hard constraint. */
  readonly candidates: readonly number[];
  readonly removed: readonly { constraint: PlacementConstraint; agents: string[] }[];
  /** How many agents run it; for `each`, all its candidates. */
  readonly replicas: number;
  /** Placed by rule (each, pin), not by score. */
  readonly fixed: boolean;
  /** The streams it reads or writes, each once. */
  readonly streams: readonly number[];
  /** Per agent: whether the agent has the labels it prefers; undefined without a preference. */
  readonly preferred: readonly boolean[] | undefined;
  /** What running off a preferred agent costs, in bytes/s: half the traffic the node touches. */
  readonly affinityWeight: number;
  /** The agents that run it under the previous plan (indices), if any still qualify. */
  readonly previous: readonly number[];
}

/** A replicated state: every agent that holds it receives each of its deltas. */
export interface ModelStream {
  readonly id: string;
  readonly rate: number;
  readonly measured: boolean;
  /** Written on agents: its writer is a holder, so holders - 1 receive each delta; else all. */
  readonly agentWritten: boolean;
}

export interface PlacementModel {
  readonly agents: readonly PlacementAgent[];
  readonly capacity: readonly number[];
  readonly nodes: readonly ModelNode[];
  readonly streams: readonly ModelStream[];
  /** Per stream, the model nodes that touch it. */
  readonly touchedBy: readonly (readonly number[])[];
}

const byName = (a: PlacementAgent, b: PlacementAgent) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * Turns a graph and the agents present into the indexed problem the search works on: which nodes
 * to place and where each may go, and the replicated states (streams) each one reads or writes.
 * Reading a fold reads the fold's inputs, since a fold's result is computed wherever it is read.
 */
export function buildModel(
  graph: GraphDocument,
  agentsGiven: readonly PlacementAgent[],
  previous: PlacementPlan | undefined,
  measured: Readonly<Record<string, number>>,
): { model: PlacementModel } | { problems: PlacementProblem[] } {
  const agents = [...agentsGiven].sort(byName);
  const agentIndex = new Map(agents.map((a, i) => [a.name, i]));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const placed = graph.nodes.filter((n) => n.kind !== 'variable' || n.placement !== undefined);

  const problems: PlacementProblem[] = [];
  const qualified = new Map<string, { candidates: number[]; removed: ModelNode['removed'] }>();
  for (const node of placed) {
    const found = qualify(node, agents, new Set(previous?.nodes[node.id] ?? []));
    if ('problem' in found) problems.push(found.problem);
    else qualified.set(node.id, found);
  }
  if (problems.length > 0) return { problems };

  const replicasOf = (node: GraphNode) =>
    node.placement?.each
      ? (qualified.get(node.id)?.candidates.length ?? 0)
      : (node.placement?.replicas ?? 1);
  const estimate = estimateRates(graph, replicasOf);
  const streams: ModelStream[] = [];
  const streamIndex = new Map<string, number>();
  for (const node of graph.nodes) {
    if (!isReplicatedState(node)) continue;
    const rate = measured[node.id];
    streamIndex.set(node.id, streams.length);
    streams.push({
      id: node.id,
      rate: rate ?? estimate.bytesPerSecond.get(node.id) ?? 0,
      measured: rate !== undefined,
      agentWritten: estimate.agentWritten.has(node.id),
    });
  }

  const inputs = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.sourceHandle === 'action') continue;
    inputs.set(e.target, [...(inputs.get(e.target) ?? []), e.source]);
  }
  /** The streams reading `id` takes, looking through folds to what they read. */
  const readsOf = (id: string, seen = new Set<string>()): number[] => {
    const stream = streamIndex.get(id);
    if (stream !== undefined) return [stream];
    const node = byId.get(id);
    if (node?.kind !== 'operator' || seen.has(id)) return [];
    seen.add(id);
    return (inputs.get(id) ?? []).flatMap((input) => readsOf(input, seen));
  };
  const touches = new Map<string, Set<number>>(placed.map((n) => [n.id, new Set<number>()]));
  for (const e of graph.edges) {
    for (const s of readsOf(e.source)) touches.get(e.target)?.add(s);
    const written = streamIndex.get(e.target);
    if (written !== undefined && byId.get(e.target)?.kind === 'variable') {
      touches.get(e.source)?.add(written);
    }
  }
  for (const node of placed) {
    const own = streamIndex.get(node.id);
    if (own !== undefined) touches.get(node.id)?.add(own);
    if (node.kind === 'operator' && node.type === 'fold') {
      for (const s of readsOf(node.id)) touches.get(node.id)?.add(s);
    }
  }

  const nodes: ModelNode[] = placed.map((node) => {
    const { candidates, removed } = qualified.get(node.id) as {
      candidates: number[];
      removed: ModelNode['removed'];
    };
    const hint = node.placement ?? {};
    const nodeStreams = [...(touches.get(node.id) ?? [])].sort((a, b) => a - b);
    const prefer = Object.entries(hint.prefer ?? {});
    return {
      node,
      candidates,
      removed,
      replicas: hint.each ? candidates.length : (hint.replicas ?? 1),
      fixed: hint.each === true || candidates.length === (hint.replicas ?? 1),
      streams: nodeStreams,
      preferred:
        prefer.length === 0
          ? undefined
          : agents.map((a) => prefer.every(([k, v]) => a.labels[k] === v)),
      affinityWeight: Math.max(1, sum(nodeStreams.map((s) => streams[s]?.rate ?? 0)) / 2),
      previous: (previous?.nodes[node.id] ?? [])
        .map((name) => agentIndex.get(name))
        .filter((i): i is number => i !== undefined && candidates.includes(i)),
    };
  });
  const touchedBy: number[][] = streams.map(() => []);
  nodes.forEach((n, i) => n.streams.forEach((s) => touchedBy[s]?.push(i)));
  return {
    model: {
      agents,
      capacity: agents.map((a) => a.capacity ?? Number.POSITIVE_INFINITY),
      nodes,
      streams,
      touchedBy,
    },
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The rates a model was scored with, for the plan. */
export function modelRates(model: PlacementModel): Record<string, StreamRate> {
  return Object.fromEntries(
    model.streams.map((s) => [
      s.id,
      { bytesPerSecond: s.rate, source: s.measured ? 'measured' : 'estimated' },
    ]),
  );
}
