import { Prng } from '@inflow/shared-core';
import type { NodeAssignment, PlacementInstance } from '@inflow/shared-core/testing/placement';

/** Picks the agents of one node, given which agents qualify and have room; undefined when stuck. */
type Chooser = (node: PlacementInstance['nodes'][number], open: string[]) => string[] | undefined;

/**
 * Runs a simple placement policy over an instance: rule-placed nodes (each, pin) where they must
 * be, then every other node in graph order through `choose`, within capacity.
 */
function withinCapacity(instance: PlacementInstance, choose: Chooser): NodeAssignment | undefined {
  const load = new Map(instance.agents.map((a) => [a, 0]));
  const room = (a: string) =>
    (load.get(a) ?? 0) < (instance.capacity[instance.agents.indexOf(a)] ?? 0);
  const assignment: NodeAssignment = {};
  const take = (id: string, agents: string[]) => {
    assignment[id] = agents;
    for (const a of agents) load.set(a, (load.get(a) ?? 0) + 1);
  };
  for (const n of instance.nodes) if (n.fixed) take(n.id, n.candidates);
  for (const n of instance.nodes) {
    if (n.fixed) continue;
    const chosen = choose(n, n.candidates.filter(room));
    if (!chosen || chosen.length < n.replicas) return undefined;
    take(n.id, chosen);
  }
  return assignment;
}

/** Each node to the next agent in turn that qualifies and has room. */
export function roundRobin(instance: PlacementInstance): NodeAssignment | undefined {
  let next = 0;
  return withinCapacity(instance, (node, open) => {
    const chosen: string[] = [];
    for (let step = 0; step < instance.agents.length && chosen.length < node.replicas; step++) {
      const agent = instance.agents[(next + step) % instance.agents.length] as string;
      if (open.includes(agent)) chosen.push(agent);
    }
    next = (instance.agents.indexOf(chosen[chosen.length - 1] ?? '') + 1) % instance.agents.length;
    return chosen;
  });
}

/** Each node to agents drawn at random among those that qualify and have room. */
export function randomPlacement(
  instance: PlacementInstance,
  seed: number,
): NodeAssignment | undefined {
  const prng = new Prng(seed);
  return withinCapacity(instance, (node, open) => {
    const pool = [...open];
    const chosen: string[] = [];
    while (chosen.length < node.replicas && pool.length > 0) {
      chosen.push(pool.splice(prng.int(pool.length), 1)[0] as string);
    }
    return chosen;
  });
}

/** Greedy first-fit: each node, in dataflow order, to the first agents with room. */
export function firstFit(instance: PlacementInstance): NodeAssignment | undefined {
  return withinCapacity(instance, (node, open) => open.slice(0, node.replicas));
}
