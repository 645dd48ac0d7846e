import { describeLabels } from './hard-constraints.js';
import type { PlacementState } from './placement-state.js';
import type { CandidateScore, NodeExplanation } from './placement-types.js';

const MAX_CANDIDATES = 16;
const EPS = 1e-9;

/** A rate in bytes/s without its unit, for a table whose heading names it. */
export const formatRateFigure = (bytesPerSecond: number): string =>
  bytesPerSecond < 10 ? bytesPerSecond.toFixed(1) : String(Math.round(bytesPerSecond));

export const formatRate = (bytesPerSecond: number): string =>
  `${formatRateFigure(bytesPerSecond)} B/s`;

/**
 * Why each placed node runs where it does: the agents each hard constraint removed (capacity
 * included: the agents full in the final plan), and every remaining candidate scored by term as
 * if one replica of the node went there and nothing else moved.
 */
export function explainPlacement(
  state: PlacementState,
  kept: readonly boolean[],
  rebalanceGain: number,
): Record<string, NodeExplanation> {
  const { model } = state;
  const explanations: Record<string, NodeExplanation> = {};
  model.nodes.forEach((n, i) => {
    const at = state.at[i] ?? [];
    const full: string[] = [];
    const scored: (CandidateScore & { chosen: boolean })[] = [];
    for (const c of n.candidates) {
      if (at.includes(c)) {
        scored.push(candidate(state, i, -1, c, false, true));
      } else if (!state.hasRoom(c)) {
        full.push(model.agents[c]?.name ?? '');
      } else {
        const from = bestSlot(state, i, c);
        const moves = n.previous.length > 0 && !n.previous.includes(c);
        scored.push(candidate(state, i, from, c, moves, false));
      }
    }
    // On equal scores the agents chosen come first, then those the node would not move to.
    scored.sort(
      (a, b) =>
        (Math.abs(a.total - b.total) > EPS ? a.total - b.total : 0) ||
        Number(b.chosen) - Number(a.chosen) ||
        Number(a.moves) - Number(b.moves) ||
        a.load - b.load ||
        (a.agent < b.agent ? -1 : 1),
    );
    const shown = scored.filter((s, rank) => s.chosen || rank < MAX_CANDIDATES);
    const removed = [...n.removed];
    if (full.length > 0) removed.push({ constraint: 'capacity', agents: full });
    const names = at.map((a) => model.agents[a]?.name ?? '').sort();
    const hint = n.node.placement ?? {};
    const rule = hint.each ? 'each' : hint.pin ? 'pinned' : kept[i] ? 'kept' : 'scored';
    explanations[n.node.id] = {
      rule,
      summary: summarise(state, i, rule, names, scored, rebalanceGain),
      removed,
      candidates: shown.map(({ chosen: _chosen, ...score }) => score),
    };
  });
  return explanations;
}

function candidate(
  state: PlacementState,
  i: number,
  from: number,
  to: number,
  moves: boolean,
  chosen: boolean,
): CandidateScore & { chosen: boolean } {
  const n = state.model.nodes[i];
  const affinity = n?.preferred && !n.preferred[to] ? n.affinityWeight : 0;
  const traffic = state.traffic + (chosen ? 0 : state.trafficDelta(i, from, to));
  const load = (state.load[to] as number) + (chosen ? 0 : 1);
  const agent = state.model.agents[to]?.name ?? '';
  return { agent, traffic, affinity, load, moves, total: traffic + affinity, chosen };
}

/** The replica whose move to `to` costs least: the one a move there would take. */
function bestSlot(state: PlacementState, i: number, to: number): number {
  const at = state.at[i] ?? [];
  let best = at[0] ?? -1;
  for (const from of at) {
    if (state.scoreDelta(i, from, to) < state.scoreDelta(i, best, to)) best = from;
  }
  return best;
}

function summarise(
  state: PlacementState,
  i: number,
  rule: NodeExplanation['rule'],
  names: string[],
  scored: readonly (CandidateScore & { chosen: boolean })[],
  rebalanceGain: number,
): string {
  const n = state.model.nodes[i];
  const hint = n?.node.placement ?? {};
  const list = names.join(', ');
  if (rule === 'each') {
    const labels = hint.selector ? ` labelled ${describeLabels(hint.selector)}` : '';
    if (names.length === 1) return `runs on the one agent${labels} that qualifies: ${list}`;
    return `runs on each of the ${names.length} agents${labels} that qualify: ${list}`;
  }
  if (rule === 'pinned') return `pinned to ${hint.pin}`;
  const chosen = scored.filter((s) => s.chosen);
  const alternative = scored.find((s) => !s.chosen);
  const where = names.length > 1 ? `${names.length} replicas on different agents, ${list}` : list;
  const own = chosen[0];
  if (rule === 'kept') {
    const saving = own && alternative ? own.total - alternative.total : 0;
    const stays = `stays on ${where}, where it runs now`;
    if (!alternative || saving <= EPS) return `${stays}; no other agent costs less`;
    return (
      `${stays}; ${alternative.agent} would save ${formatRate(saving)}, less than the ` +
      `${Math.round(rebalanceGain * 100)}% of ${formatRate(state.traffic)} a move must save`
    );
  }
  if (!alternative || !own) return `on ${where}: the only agent that qualifies and has room`;
  const extra = alternative.total - own.total;
  const preferred = hint.prefer && own.affinity === 0 && alternative.affinity > 0;
  if (extra > EPS) {
    const elsewhere = agentIndex(state, alternative.agent);
    const missing = (n?.streams ?? [])
      .map((s) => state.model.streams[s]?.id ?? '')
      .filter((id, k) => id !== n?.node.id && !state.holds(n?.streams[k] as number, elsewhere))
      .sort();
    const sendsOn = state.model.streams.some((s) => s.id === n?.node.id)
      ? ' and forward its output'
      : '';
    const receive =
      missing.length > 0 ? `, as it would have to receive ${missing.join(', ')}${sendsOn}` : '';
    const why = preferred
      ? `it has the preferred labels ${describeLabels(hint.prefer ?? {})}`
      : `least cross-agent traffic (${formatRate(own.traffic)} in all)`;
    return `on ${where}: ${why}; ${alternative.agent} would add ${formatRate(extra)}${receive}`;
  }
  return (
    `on ${where}: ${alternative.agent} costs the same traffic, and ${list} runs less ` +
    `(${own.load} node replicas against ${alternative.load})`
  );
}

const agentIndex = (state: PlacementState, name: string) =>
  state.model.agents.findIndex((a) => a.name === name);

/** How a variable that placement does not place is held. */
export function explainHeld(holders: readonly string[]): NodeExplanation {
  const summary =
    holders.length > 0
      ? `held by ${holders.join(', ')}, which ${holders.length === 1 ? 'runs' : 'run'} nodes that read or write it (the hub holds every variable too)`
      : `held only by the hub: no node on an agent reads or writes it`;
  return { rule: 'held', summary, removed: [], candidates: [] };
}
