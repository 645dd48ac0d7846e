import type { GraphDocument } from '../graph/graph-document.js';
import { branchAndBound } from './branch-and-bound.js';
import { buildModel, type PlacementModel } from './placement-model.js';
import { searchPlacement } from './placement-search.js';
import { PlacementState, trafficOf } from './placement-state.js';
import type { PlacementAgent, PlacementProblem } from './placement-types.js';

export type NodeAssignment = Record<string, string[]>;

/**
 * A placement problem opened up for tests and benchmarks: what each node may run on, the agents'
 * capacities, the traffic of any assignment by the engine's own cost model, and the exact optimum
 * by exhaustive search (branch and bound; exponential, for small graphs only).
 */
export interface PlacementInstance {
  agents: string[];
  capacity: number[];
  nodes: { id: string; candidates: string[]; replicas: number; fixed: boolean }[];
  traffic(assignment: NodeAssignment): number;
  exhaustive(): { traffic: number; assignment: NodeAssignment; visited: number };
  /** The engine's heuristic alone (greedy, clusters, local search), without its exact search. */
  heuristic(): NodeAssignment;
}

export function placementInstance(
  graph: GraphDocument,
  agents: readonly PlacementAgent[],
  rates: Readonly<Record<string, number>> = {},
): PlacementInstance | { problems: PlacementProblem[] } {
  const built = buildModel(graph, agents, undefined, rates);
  if ('problems' in built) return built;
  const { model } = built;
  const names = model.agents.map((a) => a.name);
  const index = new Map(names.map((n, i) => [n, i]));
  const toIndices = (assignment: NodeAssignment) =>
    model.nodes.map((n) => (assignment[n.node.id] ?? []).map((a) => index.get(a) ?? -1));
  const toNames = (at: readonly (readonly number[])[]) => {
    const assignment: NodeAssignment = {};
    model.nodes.forEach((n, i) => {
      assignment[n.node.id] = (at[i] ?? []).map((a) => names[a] ?? '');
    });
    return assignment;
  };
  return {
    agents: names,
    capacity: [...model.capacity],
    nodes: model.nodes.map((n) => ({
      id: n.node.id,
      candidates: n.candidates.map((c) => names[c] ?? ''),
      replicas: n.replicas,
      fixed: n.fixed,
    })),
    traffic: (assignment) => trafficOf(model, toIndices(assignment)),
    heuristic: () => {
      const found = searchPlacement(model, { rebalanceGain: 0, exact: false });
      return 'problems' in found ? {} : toNames(found.state.at);
    },
    exhaustive: () => {
      const best = exhaustiveSearch(model);
      return { traffic: best.traffic, assignment: toNames(best.at), visited: best.visited };
    },
  };
}

/** The least score over every assignment that respects capacity; ties are not broken. */
function exhaustiveSearch(model: PlacementModel): {
  traffic: number;
  at: number[][];
  visited: number;
} {
  const state = new PlacementState(model);
  model.nodes.forEach((n, i) => {
    if (n.fixed) for (const a of n.candidates) state.add(i, a);
  });
  const free = model.nodes.flatMap((n, i) => (n.fixed ? [] : [i]));
  const found = branchAndBound(state, free, Infinity, Infinity);
  const at = found.best ?? state.snapshot();
  return { traffic: trafficOf(model, at), at, visited: found.visited };
}
