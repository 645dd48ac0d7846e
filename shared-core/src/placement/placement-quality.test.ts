import { describe, expect, it } from 'vitest';
import {
  placementInstance,
  randomPlacementCase,
  type NodeAssignment,
  type PlacementInstance,
} from '../testing/placement-cases.js';
import { placeGraph } from './place-graph.js';

const SEEDS = Array.from({ length: 40 }, (_, i) => 101 + i);

function instanceOf(seed: number) {
  const c = randomPlacementCase(seed);
  const instance = placementInstance(c.graph, c.agents, c.rates);
  if ('problems' in instance) throw new Error(`case ${seed}: ${JSON.stringify(instance.problems)}`);
  return { c, instance };
}

/** Every assignment that respects candidates and capacity, one node (single replica) at a time. */
function bruteForceOptimum(instance: PlacementInstance): number {
  let best = Infinity;
  const load = new Map(instance.agents.map((a) => [a, 0]));
  const assignment: NodeAssignment = {};
  const fixed = instance.nodes.filter((n) => n.fixed);
  for (const n of fixed) {
    assignment[n.id] = n.candidates;
    for (const a of n.candidates) load.set(a, (load.get(a) ?? 0) + 1);
  }
  const free = instance.nodes.filter((n) => !n.fixed);
  const capacity = (a: string) => instance.capacity[instance.agents.indexOf(a)] ?? 0;
  const visit = (k: number) => {
    const n = free[k];
    if (!n) {
      best = Math.min(best, instance.traffic(assignment));
      return;
    }
    for (const a of n.candidates) {
      if ((load.get(a) ?? 0) >= capacity(a)) continue;
      load.set(a, (load.get(a) ?? 0) + 1);
      assignment[n.id] = [a];
      visit(k + 1);
      load.set(a, (load.get(a) ?? 0) - 1);
    }
  };
  visit(0);
  return best;
}

describe('placement against the exhaustive optimum, on random DAGs of 6-12 operators over 2-4 agents', () => {
  it('the branch and bound finds what trying every assignment finds', () => {
    for (const seed of SEEDS.slice(0, 12)) {
      const { instance } = instanceOf(seed);
      expect(instance.exhaustive().traffic, `seed ${seed}`).toBeCloseTo(
        bruteForceOptimum(instance),
        6,
      );
    }
  });

  it('is never below the optimum, within 10% of it on every graph and within 4% on average', () => {
    const ratios = SEEDS.map((seed) => {
      const { c, instance } = instanceOf(seed);
      const optimum = instance.exhaustive().traffic;
      const result = placeGraph(c.graph, c.agents, { rates: c.rates });
      if (!result.ok) throw new Error(`seed ${seed}: ${JSON.stringify(result.problems)}`);
      const traffic = instance.traffic(result.placement.nodes);
      expect(traffic, `seed ${seed}: the plan reports its own traffic`).toBeCloseTo(
        result.placement.traffic,
        6,
      );
      expect(traffic, `seed ${seed}`).toBeGreaterThanOrEqual(optimum - 1e-6);
      return optimum === 0 ? 1 : traffic / optimum;
    });
    for (const [i, ratio] of ratios.entries()) expect(ratio, `seed ${SEEDS[i]}`).toBeLessThan(1.1);
    expect(ratios.reduce((a, b) => a + b, 0) / ratios.length).toBeLessThanOrEqual(1.04);
  });

  it('keeps every hard constraint and capacity on every graph', () => {
    for (const seed of SEEDS) {
      const { c, instance } = instanceOf(seed);
      const result = placeGraph(c.graph, c.agents, { rates: c.rates });
      if (!result.ok) throw new Error(`seed ${seed}`);
      const load = new Map<string, number>();
      for (const n of instance.nodes) {
        const at = result.placement.nodes[n.id] ?? [];
        expect(at).toHaveLength(n.replicas);
        for (const a of at) {
          expect(n.candidates).toContain(a);
          load.set(a, (load.get(a) ?? 0) + 1);
        }
      }
      instance.agents.forEach((a, i) =>
        expect(load.get(a) ?? 0).toBeLessThanOrEqual(instance.capacity[i] ?? 0),
      );
    }
  });

  it('placed again without one agent, moves only the nodes that agent ran', () => {
    for (const seed of SEEDS) {
      const { c } = instanceOf(seed);
      const agents = c.agents.map(({ capacity: _capacity, ...a }) => a);
      if (agents.length < 3) continue;
      const before = placeGraph(c.graph, agents, { rates: c.rates });
      if (!before.ok) throw new Error(`seed ${seed}`);
      const pinned = new Set(c.graph.nodes.map((n) => n.placement?.pin));
      const gone = agents.find((a) => !pinned.has(a.name))?.name as string;
      const after = placeGraph(
        c.graph,
        agents.filter((a) => a.name !== gone),
        { rates: c.rates, previous: before.placement },
      );
      if (!after.ok) throw new Error(`seed ${seed}`);
      for (const [id, was] of Object.entries(before.placement.nodes)) {
        if (!was.includes(gone))
          expect(after.placement.nodes[id], `seed ${seed} ${id}`).toEqual(was);
      }
    }
  });
});
