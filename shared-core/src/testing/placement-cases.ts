import type { GraphDocument } from '../graph/graph-document.js';
import { validateGraph } from '../graph/validate-graph.js';
import type { PlacementAgent } from '../placement/placement-types.js';
import { Prng } from '../simulation/prng.js';

export { placementInstance } from '../placement/placement-instance.js';
export type { NodeAssignment, PlacementInstance } from '../placement/placement-instance.js';

export interface PlacementCase {
  seed: number;
  graph: GraphDocument;
  agents: PlacementAgent[];
  /** Measured-style delta rates, bytes/s, for every replicated state. */
  rates: Record<string, number>;
}

export interface PlacementCaseShape {
  /** Operators, drawn uniformly from [min, max]. */
  operators: readonly [number, number];
  agents: readonly [number, number];
  /** Pinned operators, drawn from [min, max]. */
  pins: readonly [number, number];
  /** Capacity per agent as a multiple of an even share (at least an even share, rounded up). */
  slack: number;
}

/** The benchmark's small graphs: 6-12 operators on 2-4 agents, 1-2 pins, tight capacity. */
export const SMALL_CASE: PlacementCaseShape = {
  operators: [6, 12],
  agents: [2, 4],
  pins: [1, 2],
  slack: 1.25,
};

const UNARY = ['map', 'filter'] as const;
const BINARY = ['union', 'intersection', 'product'] as const;

/**
 * A random, valid graph to place: a few orset variables written at the hub, then operators each
 * reading one or two earlier states (a DAG), some pinned; agents with a capacity; and a random
 * delta rate per state, log-uniform over 10 B/s to 10 kB/s, as if measured. Seeded: a seed always
 * gives the same case.
 */
export function randomPlacementCase(
  seed: number,
  shape: PlacementCaseShape = SMALL_CASE,
): PlacementCase {
  const prng = new Prng(seed);
  const between = ([lo, hi]: readonly [number, number]) => lo + prng.int(hi - lo + 1);
  const operators = between(shape.operators);
  const agentCount = between(shape.agents);
  const capacity = Math.ceil((operators / agentCount) * shape.slack);
  const agents: PlacementAgent[] = Array.from({ length: agentCount }, (_, i) => ({
    name: `agent-${String(i + 1).padStart(3, '0')}`,
    labels: {},
    trusted: false,
    capacity,
  }));
  const variables = Math.max(1, Math.round(operators / 6)) + prng.int(2);
  const nodes: Record<string, unknown>[] = [];
  const edges: Record<string, unknown>[] = [];
  const states: string[] = [];
  const position = () => ({ x: 0, y: 0 });
  for (let v = 0; v < variables; v++) {
    const id = `v${v}`;
    nodes.push({ id, kind: 'variable', type: 'orset', params: {}, position: position() });
    states.push(id);
  }
  const pins = new Map<number, string>();
  for (let p = between(shape.pins); p > 0; p--) {
    pins.set(prng.int(operators), prng.pick(agents).name);
  }
  for (let o = 0; o < operators; o++) {
    const id = `op${o}`;
    const binary = states.length > 1 && prng.chance(0.4);
    const type = binary ? prng.pick(BINARY) : prng.pick(UNARY);
    const params = type === 'map' ? { fn: 'x' } : type === 'filter' ? { predicate: 'true' } : {};
    const pin = pins.get(o);
    nodes.push({
      id,
      kind: 'operator',
      type,
      params,
      position: position(),
      ...(pin ? { placement: { pin } } : {}),
    });
    // Lean to recent states, so graphs have chains as well as fan-out.
    const recent = () =>
      states[Math.max(0, states.length - 1 - prng.int(Math.min(states.length, 4)))] as string;
    const left = prng.chance(0.7) ? recent() : prng.pick(states);
    if (binary) {
      const right = prng.pick(states.filter((s) => s !== left));
      edges.push({
        id: `${id}-l`,
        source: left,
        sourceHandle: 'out',
        target: id,
        targetHandle: 'left',
      });
      edges.push({
        id: `${id}-r`,
        source: right,
        sourceHandle: 'out',
        target: id,
        targetHandle: 'right',
      });
    } else {
      edges.push({
        id: `${id}-in`,
        source: left,
        sourceHandle: 'out',
        target: id,
        targetHandle: 'in',
      });
    }
    states.push(id);
  }
  const doc = { format: 'inflow-graph', version: 1, name: `random-${seed}`, nodes, edges };
  const checked = validateGraph(doc);
  if (!checked.ok)
    throw new Error(`random case ${seed} is invalid: ${checked.problems[0]?.message}`);
  const rates = Object.fromEntries(states.map((s) => [s, Math.round(10 ** (1 + 3 * prng.next()))]));
  return { seed, graph: checked.graph, agents, rates };
}
