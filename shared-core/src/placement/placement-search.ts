import { Prng } from '../simulation/prng.js';
import type { PlacementModel } from './placement-model.js';
import type { PlacementProblem } from './placement-types.js';
import { branchAndBound } from './branch-and-bound.js';
import { clusterStart } from './cluster-start.js';
import { PlacementState } from './placement-state.js';

export interface SearchOptions {
  /** A replica kept from the previous plan moves only for a gain of this fraction of the traffic. */
  rebalanceGain: number;
  /** Random restarts of the local search (a fixed seed: the same input gives the same plan). */
  restarts?: number;
  /** Try to prove or beat the heuristic by branch and bound on small graphs (default true). */
  exact?: boolean;
}

export interface SearchResult {
  state: PlacementState;
  /** Per node, whether its replicas are the ones it ran before. */
  kept: boolean[];
}

const SEED = 0x1f10;

/**
 * Places every node: rules first (each, pin, only one agent qualifies), then what the previous
 * plan ran where it still may, then the rest greedily in dataflow order, each replica where it
 * adds the least score, then improves by moving and swapping replicas (local search) from a few
 * seeded perturbations, keeping the best. Score is traffic plus affinity; ties go to the more even
 * load. Capacity is a hard limit throughout.
 */
export function searchPlacement(
  model: PlacementModel,
  options: SearchOptions,
): SearchResult | { problems: PlacementProblem[] } {
  const state = new PlacementState(model);
  const problems: PlacementProblem[] = [];
  const kept = model.nodes.map(() => false);
  model.nodes.forEach((n, i) => {
    if (n.fixed) for (const a of n.candidates) state.add(i, a);
  });
  for (const [agent, load] of state.load.entries()) {
    if (load <= (model.capacity[agent] as number)) continue;
    const name = model.agents[agent]?.name;
    const nodes = [...(state.residents[agent] ?? [])].map((i) => model.nodes[i]?.node.id);
    problems.push({
      nodeId: nodes[0] ?? '',
      constraint: 'capacity',
      message: `agent ${name} must run ${nodes.join(', ')} (each or pinned), more than its capacity of ${model.capacity[agent]}`,
    });
  }
  if (problems.length > 0) return { problems };

  model.nodes.forEach((n, i) => {
    if (n.fixed || n.previous.length === 0) return;
    for (const a of n.previous.slice(0, n.replicas)) state.add(i, a);
    kept[i] = n.previous.length >= n.replicas;
  });
  evictOverCapacity(state, kept);

  const gain = (i: number) => (kept[i] ? options.rebalanceGain * Math.max(state.traffic, 1) : 0);
  const order = dataflowOrder(model);
  const base = state.snapshot();
  const unplaced = model.nodes.flatMap((n, i) =>
    !n.fixed && (state.at[i]?.length ?? 0) === 0 ? [i] : [],
  );
  const starts = [
    () => completeGreedily(state, order),
    () => {
      const left = new Set(clusterStart(state, unplaced));
      return completeGreedily(
        state,
        order.filter((i) => left.has(i) || !unplaced.includes(i)),
      );
    },
  ];
  let best: { at: number[][]; score: number; balance: number } | undefined;
  let unfit: PlacementProblem[] = [];
  for (const start of starts) {
    state.restore(base);
    const missing = start();
    if (missing.length > 0) {
      if (unfit.length === 0) unfit = missing;
      continue;
    }
    localSearch(state, gain);
    if (!best || better(state.score, state.balance, best.score, best.balance)) {
      best = { at: state.snapshot(), score: state.score, balance: state.balance };
    }
  }
  if (!best) return { problems: unfit };
  state.restore(best.at);
  const free = model.nodes.flatMap((n, i) => (n.fixed || kept[i] ? [] : [i]));
  const restarts = options.restarts ?? defaultRestarts(model, free.length);
  if (free.length > 1 && restarts > 0) iterate(state, free, restarts, gain);
  if (options.exact !== false && free.length <= EXACT_NODES) solveExactly(state, free, order, gain);
  model.nodes.forEach((n, i) => {
    if (kept[i] && !sameAgents(state.at[i] ?? [], n.previous)) kept[i] = false;
  });
  return { state, kept };
}

/** Places every missing replica in dataflow order, each where it adds the least; what cannot fit. */
function completeGreedily(state: PlacementState, order: readonly number[]): PlacementProblem[] {
  const { model } = state;
  const problems: PlacementProblem[] = [];
  for (const i of order) {
    const n = model.nodes[i];
    if (!n || n.fixed) continue;
    while ((state.at[i]?.length ?? 0) < n.replicas) {
      const agent = bestAgentFor(state, i) ?? makeRoom(state, i);
      if (agent === undefined) {
        const full = n.candidates.map((a) => model.agents[a]?.name).join(', ');
        problems.push({
          nodeId: n.node.id,
          constraint: 'capacity',
          message: `node ${n.node.id} needs room on one of ${full}, and all are full`,
        });
        break;
      }
      state.add(i, agent);
    }
  }
  return problems;
}

const better = (score: number, balance: number, bestScore: number, bestBalance: number) =>
  score < bestScore - EPS || (Math.abs(score - bestScore) <= EPS && balance < bestBalance);

/** Up to this many free nodes, a bounded branch and bound tries to beat the heuristic. */
const EXACT_NODES = 16;
const EXACT_BUDGET = 50_000;

/**
 * Small graphs are solved exactly when the search fits its budget: the heuristic's score bounds
 * it, so it only ever replaces the plan with a strictly better one.
 */
function solveExactly(
  state: PlacementState,
  free: readonly number[],
  order: readonly number[],
  gain: (node: number) => number,
): void {
  const heuristic = state.snapshot();
  const bound = state.score;
  for (const i of free) for (const a of [...(state.at[i] ?? [])]) state.remove(i, a);
  const freeSet = new Set(free);
  const found = branchAndBound(
    state,
    order.filter((i) => freeSet.has(i)),
    bound,
    EXACT_BUDGET,
  );
  state.restore(found.best ?? heuristic);
  if (found.best) localSearch(state, gain);
}

/** Fewer restarts on larger problems, so a thousand nodes still place in well under a second. */
function defaultRestarts(model: PlacementModel, free: number): number {
  const size = free * model.agents.length;
  return Math.max(2, Math.min(60, Math.floor(20_000 / Math.max(size, 1))));
}

const EPS = 1e-9;

function improves(score: number, balance: number, threshold = 0): boolean {
  return score < -threshold - EPS || (threshold === 0 && Math.abs(score) <= EPS && balance < 0);
}

/** The candidate with room that adds the least score, ties to the least load, then by name. */
function bestAgentFor(state: PlacementState, i: number): number | undefined {
  const n = state.model.nodes[i];
  let best: number | undefined;
  let bestScore = Infinity;
  let bestBalance = Infinity;
  for (const a of n?.candidates ?? []) {
    if (state.at[i]?.includes(a) || !state.hasRoom(a)) continue;
    const score = state.scoreDelta(i, -1, a);
    const balance = state.balanceDelta(-1, a);
    if (score < bestScore - EPS || (Math.abs(score - bestScore) <= EPS && balance < bestBalance)) {
      [best, bestScore, bestBalance] = [a, score, balance];
    }
  }
  return best;
}

/** Frees a candidate of node i by moving one of its residents to another agent with room. */
function makeRoom(state: PlacementState, i: number): number | undefined {
  const { model } = state;
  for (const a of model.nodes[i]?.candidates ?? []) {
    if (state.at[i]?.includes(a)) continue;
    for (const j of state.residents[a] ?? []) {
      const other = model.nodes[j];
      if (!other || other.fixed) continue;
      const to = other.candidates.find(
        (b) => b !== a && !state.at[j]?.includes(b) && state.hasRoom(b),
      );
      if (to === undefined) continue;
      state.move(j, a, to);
      return a;
    }
  }
  return undefined;
}

/** When the kept replicas overfill an agent (its capacity went down), the cheapest ones leave. */
function evictOverCapacity(state: PlacementState, kept: boolean[]): void {
  const { model } = state;
  state.load.forEach((_, a) => {
    const movable = [...(state.residents[a] ?? [])]
      .filter((i) => !model.nodes[i]?.fixed)
      .sort((x, y) => state.scoreDelta(x, a, -1) - state.scoreDelta(y, a, -1));
    while ((state.load[a] as number) > (model.capacity[a] as number)) {
      const i = movable.shift();
      if (i === undefined) return;
      state.remove(i, a);
      kept[i] = false;
    }
  });
}

/** Moves and swaps single replicas while one improves the score (or the balance, at equal score). */
export function localSearch(state: PlacementState, gain: (node: number) => number): void {
  const { model } = state;
  const movable = model.nodes.flatMap((n, i) => (n.fixed ? [] : [i]));
  for (let pass = 0, improved = true; improved && pass < 50; pass++) {
    improved = false;
    for (const i of movable) {
      for (const from of [...(state.at[i] ?? [])]) {
        if (tryMove(state, i, from, gain)) improved = true;
      }
    }
  }
}

function tryMove(
  state: PlacementState,
  i: number,
  from: number,
  gain: (node: number) => number,
): boolean {
  const { model } = state;
  let best: { to: number; swap?: number; score: number; balance: number } | undefined;
  const consider = (to: number, swap: number | undefined, score: number, balance: number) => {
    const threshold = Math.max(gain(i), swap === undefined ? 0 : gain(swap));
    if (!improves(score, balance, threshold)) return;
    if (
      !best ||
      score < best.score - EPS ||
      (Math.abs(score - best.score) <= EPS && balance < best.balance)
    ) {
      best = { to, swap, score, balance };
    }
  };
  for (const to of model.nodes[i]?.candidates ?? []) {
    if (state.at[i]?.includes(to)) continue;
    const score = state.scoreDelta(i, from, to);
    if (state.hasRoom(to)) {
      consider(to, undefined, score, state.balanceDelta(from, to));
      continue;
    }
    // A full agent is worth a swap only if the node itself would gain there; a swap that only
    // helps the other node is found from that node's side.
    if (score >= -EPS) continue;
    for (const j of state.residents[to] ?? []) {
      const other = model.nodes[j];
      if (!other || other.fixed || j === i || state.at[j]?.includes(from)) continue;
      if (!other.candidates.includes(from)) continue;
      consider(to, j, state.swapDelta(i, from, j, to), 0);
    }
  }
  const chosen = best as { to: number; swap?: number } | undefined;
  if (!chosen) return false;
  if (chosen.swap !== undefined) {
    state.remove(chosen.swap, chosen.to);
    state.move(i, from, chosen.to);
    state.add(chosen.swap, from);
  } else state.move(i, from, chosen.to);
  return true;
}

/** Iterated local search: perturb a third of the free nodes, search again, keep the best. */
function iterate(
  state: PlacementState,
  free: readonly number[],
  restarts: number,
  gain: (node: number) => number,
): void {
  const prng = new Prng(SEED);
  let best = state.snapshot();
  let bestScore = state.score;
  let bestBalance = state.balance;
  for (let r = 0; r < restarts; r++) {
    const shaken = Math.max(1, Math.round(free.length / 3));
    for (let s = 0; s < shaken; s++) {
      const i = prng.pick(free);
      const from = prng.pick(state.at[i] ?? []);
      const options = (state.model.nodes[i]?.candidates ?? []).filter(
        (a) => !state.at[i]?.includes(a) && state.hasRoom(a),
      );
      if (options.length > 0) state.move(i, from, prng.pick(options));
    }
    localSearch(state, gain);
    const better =
      state.score < bestScore - EPS ||
      (Math.abs(state.score - bestScore) <= EPS && state.balance < bestBalance);
    if (better) [best, bestScore, bestBalance] = [state.snapshot(), state.score, state.balance];
    else state.restore(best);
  }
}

function sameAgents(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Model nodes with their inputs first, so a greedy choice sees where its inputs went. */
function dataflowOrder(model: PlacementModel): number[] {
  const streamOf = new Map(model.streams.map((s, i) => [s.id, i]));
  const writers = new Map<number, number[]>();
  model.nodes.forEach((n, i) => {
    const own = streamOf.get(n.node.id);
    if (own !== undefined) writers.set(own, [...(writers.get(own) ?? []), i]);
  });
  const order: number[] = [];
  const done = new Set<number>();
  const visit = (i: number) => {
    if (done.has(i)) return;
    done.add(i);
    for (const s of model.nodes[i]?.streams ?? []) {
      for (const w of writers.get(s) ?? []) visit(w);
    }
    order.push(i);
  };
  model.nodes.forEach((_, i) => visit(i));
  return order;
}
