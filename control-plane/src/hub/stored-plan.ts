import type { PlacementPlan } from '@inflow/shared-core';

/**
 * A plan as stored. Plans stored before placement explained itself by term had one sentence per
 * node and no rates or traffic: they read as the same plan with those filled in.
 */
export function storedPlan(json: string): PlacementPlan {
  const plan = JSON.parse(json) as PlacementPlan;
  const explanations = Object.fromEntries(
    Object.entries(plan.explanations ?? {}).map(([id, e]) => [
      id,
      typeof e === 'string'
        ? { rule: 'scored' as const, summary: e, removed: [], candidates: [] }
        : e,
    ]),
  );
  return { ...plan, explanations, rates: plan.rates ?? {}, traffic: plan.traffic ?? 0 };
}

/** Whether two plans put every node and variable on the same agents (explanations aside). */
export const samePlacement = (a: PlacementPlan, b: PlacementPlan) =>
  JSON.stringify([a.nodes, a.variables]) === JSON.stringify([b.nodes, b.variables]);
