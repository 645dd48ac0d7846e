import {
  agentShare,
  carriedVariables,
  startingEmpty,
  encodeState,
  type CarryOver,
  type EffectLedger,
  type GraphDocument,
  type LocalCarried,
  type PlacementPlan,
} from '@inflow/shared-core';
import type { DeploymentSeed } from '../data/store.js';
import type { LiveDeployment } from './live-deployment.js';

export interface Started {
  live: LiveDeployment;
  /** What it kept of the deployment it replaces. */
  carry: CarryOver | undefined;
  /** By carried local variable, the agents that keep their copy and those that start empty. */
  copies: LocalCarried[];
}

export interface CarryOverPlan {
  replaces: string;
  carry: CarryOver;
  copies: LocalCarried[];
  seed: DeploymentSeed;
}

/**
 * What deployment `deployment` of `graph`, placed by `plan`, starts with when it replaces
 * `previous`: the hub's replica of every carried variable, and the effects already performed by
 * the nodes whose effects carry. Only `done` effects: one still granted may never have happened,
 * and its holder cannot complete it under the new deployment, so it is free to happen there.
 * The agents' local copies are not the hub's to seed: each agent seeds its own.
 */
export function carryOver(
  previous: LiveDeployment,
  next: { graph: GraphDocument; plan: PlacementPlan },
  deployment: string,
  ledger: EffectLedger,
): CarryOverPlan {
  const carry = carriedVariables(previous.graph, next.graph);
  const states = new Map<string, Uint8Array>();
  for (const variable of carry.carried) {
    const type = previous.types.get(variable);
    if (type) states.set(variable, encodeState(type, previous.room.state(variable)));
  }
  const effects = ledger
    .records(previous.id)
    .filter((r) => r.status === 'done' && carry.effects.includes(r.node))
    .map((r) => ({ ...r, deployment }));
  const copies = localCopies(previous, next, carry.carriedLocal);
  return { replaces: previous.id, carry, copies, seed: { states, effects } };
}

/** By variable, the agents of a plan whose share holds it. */
function holders(graph: GraphDocument, plan: PlacementPlan, variables: readonly string[]) {
  const agents = new Set([...Object.values(plan.nodes), ...Object.values(plan.variables)].flat());
  const byVariable = new Map(variables.map((v) => [v, [] as string[]]));
  for (const agent of [...agents].sort()) {
    for (const v of agentShare(graph, plan, agent).variables) byVariable.get(v)?.push(agent);
  }
  return byVariable;
}

/**
 * Which agents keep their copy of each carried local variable: those the new plan gives one
 * that held one under the old plan. The others the new plan gives one start empty.
 */
function localCopies(
  previous: LiveDeployment,
  next: { graph: GraphDocument; plan: PlacementPlan },
  carriedLocal: readonly string[],
): LocalCarried[] {
  const before = holders(previous.graph, previous.plan, carriedLocal);
  const after = holders(next.graph, next.plan, carriedLocal);
  return carriedLocal.map((variable) => {
    const held = new Set(before.get(variable));
    const now = after.get(variable) ?? [];
    return {
      variable,
      keptBy: now.filter((a) => held.has(a)),
      emptyOn: now.filter((a) => !held.has(a)),
    };
  });
}

const SHOWN_RESETS = 5;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "scores on client-1, client-2, empty on client-3 (new there)". */
function copiesText({ variable, keptBy, emptyOn }: LocalCarried): string {
  const kept = keptBy.length > 0 ? ` on ${keptBy.join(', ')}` : ' on no agent';
  const empty = emptyOn.length > 0 ? `, empty on ${emptyOn.join(', ')} (new there)` : '';
  return `${variable}${kept}${empty}`;
}

/** The hub's `deploy` event: what was deployed and, for a redeploy, what it kept. */
export function deployMessage(graph: GraphDocument, plan: CarryOverPlan | undefined): string {
  if (!plan) return `deployed ${graph.name}`;
  const { carried } = plan.carry;
  const parts = [`kept the state of ${plural(carried.length, 'variable')}`];
  if (plan.copies.length > 0) {
    const each = `${plural(plan.copies.length, 'variable')} local to each agent`;
    parts.push(
      `kept ${each} on the agents that held it (${plan.copies.map(copiesText).join('; ')})`,
    );
  }
  const empty = startingEmpty(plan.carry);
  const named = empty.slice(0, SHOWN_RESETS).map((r) => `${r.variable}: ${r.message}`);
  if (empty.length > SHOWN_RESETS) named.push(`${empty.length - SHOWN_RESETS} more`);
  parts.push(
    empty.length === 0
      ? 'none starts empty'
      : `${empty.length} start${empty.length === 1 ? 's' : ''} empty (${named.join('; ')})`,
  );
  return `deployed ${graph.name} in place of ${plan.replaces}: ${parts.join('; ')}`;
}
