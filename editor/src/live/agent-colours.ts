import type { PlacementPlan } from '@inflow/shared-core';

/** The colour of state only the hub holds (a variable no agent reads or writes). */
export const HUB_COLOUR = '#9ca3af';

/** FNV-1a over the name's UTF-16 units: cheap, and the same in every browser and session. */
function hash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const LIGHTNESS = [34, 44, 54];

/**
 * A colour per agent name, the same wherever and whenever the name is shown, so a user learns
 * that "client-1 is orange": the hue from the name's hash, and the lightness from other bits of
 * it, so two names with close hues still differ.
 */
export function agentColour(name: string): string {
  const h = hash(name);
  return `hsl(${h % 360} 70% ${LIGHTNESS[(h >>> 16) % LIGHTNESS.length] ?? 44}%)`;
}

const NONE: readonly string[] = [];

/**
 * The agents that run a node (operators, triggers, sources, sinks) or hold it (variables); the
 * plan's own array, so a selector returning it stays referentially stable.
 */
export function agentsOfNode(plan: PlacementPlan, nodeId: string): readonly string[] {
  return plan.nodes[nodeId] ?? plan.variables[nodeId] ?? NONE;
}

/** Every agent the plan gives something to, sorted by name. */
export function planAgents(plan: PlacementPlan): string[] {
  const names = new Set<string>();
  for (const agents of [...Object.values(plan.nodes), ...Object.values(plan.variables)]) {
    for (const a of agents) names.add(a);
  }
  return [...names].sort();
}

/**
 * A CSS background for a node run by `agents`: one colour, or equal stripes of each; the hub's
 * grey when no agent holds it.
 */
export function placementBackground(agents: readonly string[]): string {
  if (agents.length === 0) return HUB_COLOUR;
  if (agents.length === 1) return agentColour(agents[0] ?? '');
  const step = 100 / agents.length;
  const stops = agents.map(
    (a, i) => `${agentColour(a)} ${(i * step).toFixed(2)}% ${((i + 1) * step).toFixed(2)}%`,
  );
  return `linear-gradient(to bottom, ${stops.join(', ')})`;
}
