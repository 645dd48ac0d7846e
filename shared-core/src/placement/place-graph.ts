import type { GraphDocument } from '../graph/graph-document.js';
import { heldState } from '../program/held-state.js';
import { explainHeld, explainPlacement } from './explain-placement.js';
import { buildModel, modelRates } from './placement-model.js';
import { searchPlacement } from './placement-search.js';
import { trafficOf } from './placement-state.js';
import type {
  PlacementAgent,
  PlacementOptions,
  PlacementPlan,
  PlacementResult,
} from './placement-types.js';

const DEFAULT_REBALANCE_GAIN = 0.2;

/**
 * Decides where every node of a validated graph runs. Hard constraints filter the agents (pin,
 * label selector, trusted-only for side effects, online, capacity, two replicas on different
 * agents); among what is left, the plan minimises the estimated bytes/s the hub forwards to
 * agents (every holder of a state receives each of its deltas), plus a penalty for agents without
 * a preferred label, with the more even load breaking ties. Given the plan in force, what still
 * qualifies stays unless moving it saves a real share of the traffic. Pure and deterministic: the
 * same graph, agents and options give the same plan, whatever order the agents come in.
 */
export function placeGraph(
  graph: GraphDocument,
  agents: readonly PlacementAgent[],
  options: PlacementOptions = {},
): PlacementResult {
  const built = buildModel(graph, agents, options.previous, options.rates ?? {});
  if ('problems' in built) return { ok: false, problems: built.problems };
  const { model } = built;
  const rebalanceGain = options.rebalanceGain ?? DEFAULT_REBALANCE_GAIN;
  const found = searchPlacement(model, { rebalanceGain });
  if ('problems' in found) return { ok: false, problems: found.problems };
  const { state, kept } = found;

  const nodes: Record<string, string[]> = {};
  model.nodes.forEach((n, i) => {
    nodes[n.node.id] = (state.at[i] ?? []).map((a) => model.agents[a]?.name ?? '').sort();
  });
  const holders = new Map<string, string[]>();
  for (const agent of model.agents) {
    const runs = Object.keys(nodes).filter((id) => nodes[id]?.includes(agent.name));
    for (const id of heldState(graph, runs, [])) {
      holders.set(id, [...(holders.get(id) ?? []), agent.name]);
    }
  }
  const variables: Record<string, string[]> = {};
  const explanations = explainPlacement(state, kept, rebalanceGain);
  for (const node of graph.nodes) {
    if (node.kind !== 'variable' && node.kind !== 'operator') continue;
    variables[node.id] = holders.get(node.id) ?? [];
    if (!explanations[node.id]) explanations[node.id] = explainHeld(variables[node.id] ?? []);
  }
  const placement: PlacementPlan = {
    nodes,
    variables,
    explanations,
    rates: modelRates(model),
    traffic: trafficOf(model, state.at),
  };
  return { ok: true, placement };
}
