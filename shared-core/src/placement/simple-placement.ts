import type { GraphDocument } from '../graph/graph-document.js';
import type { GraphNode } from '../graph/graph-node.js';
import { findNodeType } from '../graph/node-catalog.js';
import type {
  PlacementPlan,
  PlacementAgent,
  PlacementProblem,
  PlacementResult,
} from './placement-types.js';

const byName = (a: PlacementAgent, b: PlacementAgent) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

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

/** The agents a node may run on, or the problem that leaves none. */
function candidatesFor(
  node: GraphNode,
  agents: readonly PlacementAgent[],
): { agents: PlacementAgent[] } | { problem: PlacementProblem } {
  const hint = node.placement ?? {};
  let pool = [...agents].sort(byName);
  if (hint.pin !== undefined) {
    pool = pool.filter((a) => a.name === hint.pin);
    if (pool.length === 0) {
      return {
        problem: {
          nodeId: node.id,
          constraint: 'pin',
          message: `node ${node.id} is pinned to agent ${hint.pin}, which is not connected`,
        },
      };
    }
  }
  const selector = Object.entries(hint.selector ?? {});
  if (selector.length > 0) {
    pool = pool.filter((a) => selector.every(([k, v]) => a.labels[k] === v));
    if (pool.length === 0) {
      const wanted = selector.map(([k, v]) => `${k}=${v}`).join(',');
      return {
        problem: {
          nodeId: node.id,
          constraint: 'selector',
          message: `node ${node.id} needs an agent labelled ${wanted}; none is connected`,
        },
      };
    }
  }
  if (needsTrust(node)) {
    pool = pool.filter((a) => a.trusted);
    if (pool.length === 0) {
      return {
        problem: {
          nodeId: node.id,
          constraint: 'trusted',
          message: `node ${node.id} has side effects and needs a trusted agent; none matching is connected`,
        },
      };
    }
  }
  const replicas = hint.replicas ?? 1;
  if (!hint.each && pool.length < replicas) {
    return {
      problem: {
        nodeId: node.id,
        constraint: 'replicas',
        message: `node ${node.id} asks for ${replicas} replicas but only ${pool.length} agent(s) qualify`,
      },
    };
  }
  return { agents: pool };
}

/**
 * The simple placement of issue 3: hard constraints filter (pin, label selector, trusted-only for
 * side effects); `each` puts a node on every agent that qualifies; otherwise a node goes to the
 * qualifying agents that already hold one of its inputs, then to the least loaded, then by name,
 * so the result is deterministic. Variables are held by the agents whose nodes read or write them.
 */
export function placeGraph(
  graph: GraphDocument,
  agents: readonly PlacementAgent[],
  /** The plan in force: a node whose agents all still qualify stays where it is. */
  previous?: PlacementPlan,
): PlacementResult {
  const problems: PlacementProblem[] = [];
  const nodes: Record<string, string[]> = {};
  const explanations: Record<string, string> = {};
  const load = new Map(agents.map((a) => [a.name, 0]));
  const holders = new Map<string, Set<string>>();
  const hold = (variable: string, agent: string) => {
    const set = holders.get(variable) ?? new Set<string>();
    set.add(agent);
    holders.set(variable, set);
  };
  const inputsOf = (id: string) => graph.edges.filter((e) => e.target === id).map((e) => e.source);

  for (const node of dataflowOrder(graph)) {
    if (node.kind === 'variable' && !node.placement) continue;
    const found = candidatesFor(node, agents);
    if ('problem' in found) {
      problems.push(found.problem);
      continue;
    }
    const hint = node.placement ?? {};
    let chosen: PlacementAgent[];
    if (hint.each) {
      chosen = found.agents;
      explanations[node.id] = `on each of the ${chosen.length} agent(s) that qualify`;
    } else if (keeps(previous?.nodes[node.id], found.agents, hint.replicas ?? 1)) {
      const kept = new Set(previous?.nodes[node.id]);
      chosen = found.agents.filter((a) => kept.has(a.name));
      explanations[node.id] = previous?.explanations[node.id] ?? `stays on ${[...kept].join(', ')}`;
    } else {
      const near = new Set(inputsOf(node.id).flatMap((input) => [...(holders.get(input) ?? [])]));
      chosen = [...found.agents]
        .sort(
          (a, b) =>
            Number(near.has(b.name)) - Number(near.has(a.name)) ||
            (load.get(a.name) ?? 0) - (load.get(b.name) ?? 0) ||
            byName(a, b),
        )
        .slice(0, hint.replicas ?? 1);
      explanations[node.id] = chosen
        .map(
          (a) =>
            `${a.name}: ${near.has(a.name) ? 'holds an input' : `least loaded of ${found.agents.length} that qualify`}`,
        )
        .join('; ');
    }
    nodes[node.id] = chosen.map((a) => a.name);
    for (const a of chosen) {
      load.set(a.name, (load.get(a.name) ?? 0) + 1);
      if (node.kind === 'variable' || node.kind === 'operator') hold(node.id, a.name);
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  // Whoever runs a node holds replicas of what it reads, and of the variables it writes into
  // (a trigger's or source's action, a bind).
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  for (const edge of graph.edges) {
    for (const agent of nodes[edge.target] ?? []) hold(edge.source, agent);
    if (kinds.get(edge.target) !== 'variable') continue;
    for (const agent of nodes[edge.source] ?? []) hold(edge.target, agent);
  }
  const variables: Record<string, string[]> = {};
  for (const node of graph.nodes) {
    if (node.kind === 'variable' || node.kind === 'operator')
      variables[node.id] = [...(holders.get(node.id) ?? [])].sort();
  }
  const placement: PlacementPlan = { nodes, variables, explanations };
  return { ok: true, placement };
}

/** Whether a node's previous agents all still qualify, and are as many as it asks for. */
function keeps(
  previous: readonly string[] | undefined,
  qualifying: readonly PlacementAgent[],
  replicas: number,
): boolean {
  if (!previous || previous.length !== replicas) return false;
  return previous.every((name) => qualifying.some((a) => a.name === name));
}

/** Nodes with every state input before them (action edges may loop back, so they do not count). */
function dataflowOrder(graph: GraphDocument): GraphNode[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const done = new Set<string>();
  const order: GraphNode[] = [];
  const visit = (node: GraphNode) => {
    if (done.has(node.id)) return;
    done.add(node.id);
    for (const e of graph.edges) {
      const source =
        e.target === node.id && e.sourceHandle !== 'action' ? byId.get(e.source) : undefined;
      if (source) visit(source);
    }
    order.push(node);
  };
  for (const node of graph.nodes) visit(node);
  return order;
}
