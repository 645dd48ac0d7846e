import type { PlacementPlan } from '@inflow/shared-core';

/** The most moves an event names; the status page has the whole plan. */
const NAMED = 5;

const agentsText = (agents: readonly string[]) =>
  agents.length === 0 ? 'none' : agents.join(', ');

/**
 * What a new plan moved, for the event log: each node whose agents changed, as
 * "removeAd server-1 → server-2", so an operator need not compare plans on the status page.
 */
export function planMoves(before: PlacementPlan, after: PlacementPlan): string {
  const moves: string[] = [];
  for (const [node, now] of Object.entries(after.nodes)) {
    const was = before.nodes[node] ?? [];
    const [from, to] = [[...was].sort(), [...now].sort()];
    if (from.join('\n') === to.join('\n')) continue;
    moves.push(`${node} ${agentsText(from)} → ${agentsText(to)}`);
  }
  if (moves.length === 0) return 'no node moved';
  const more = moves.length > NAMED ? `, and ${moves.length - NAMED} more` : '';
  return moves.slice(0, NAMED).join('; ') + more;
}
