import type { PlacementPlan } from '@inflow/shared-core';

/** The most moves an event names; the status page has the whole plan. */
const NAMED = 5;

const agentsText = (agents: readonly string[]) =>
  agents.length === 0 ? 'none' : agents.join(', ');

/**
 * What a new plan moved, for the event log: each node whose agents changed, as
 * "removeAd server-1 → server-2", then each variable whose holders changed (one a node's output
 * is named once), so an operator need not compare plans on the status page.
 */
export function planMoves(before: PlacementPlan, after: PlacementPlan): string {
  const moves = new Map<string, string>();
  const compare = (was: Record<string, string[]>, now: Record<string, string[]>) => {
    for (const [id, agents] of Object.entries(now)) {
      const [from, to] = [[...(was[id] ?? [])].sort(), [...agents].sort()];
      if (moves.has(id) || from.join('\n') === to.join('\n')) continue;
      moves.set(id, `${id} ${agentsText(from)} → ${agentsText(to)}`);
    }
  };
  compare(before.nodes, after.nodes);
  compare(before.variables, after.variables);
  if (moves.size === 0) return 'nothing moved';
  const more = moves.size > NAMED ? `, and ${moves.size - NAMED} more` : '';
  return [...moves.values()].slice(0, NAMED).join('; ') + more;
}
