import {
  carriedVariables,
  encodeState,
  type CarryOver,
  type EffectLedger,
  type GraphDocument,
} from '@inflow/shared-core';
import type { DeploymentSeed } from '../data/store.js';
import type { LiveDeployment } from './live-deployment.js';

export interface Started {
  live: LiveDeployment;
  /** What it kept of the deployment it replaces. */
  carry: CarryOver | undefined;
}

export interface CarryOverPlan {
  replaces: string;
  carry: CarryOver;
  seed: DeploymentSeed;
}

/**
 * What deployment `deployment` of `graph` starts with when it replaces `previous`: the hub's
 * replica of every carried variable, and the effects already performed by the nodes whose
 * effects carry. Only `done` effects: one still granted may never have happened, and its holder
 * cannot complete it under the new deployment, so it is free to happen there.
 */
export function carryOver(
  previous: LiveDeployment,
  graph: GraphDocument,
  deployment: string,
  ledger: EffectLedger,
): CarryOverPlan {
  const carry = carriedVariables(previous.graph, graph);
  const states = new Map<string, Uint8Array>();
  for (const variable of carry.carried) {
    const type = previous.types.get(variable);
    if (type) states.set(variable, encodeState(type, previous.room.state(variable)));
  }
  const effects = ledger
    .records(previous.id)
    .filter((r) => r.status === 'done' && carry.effects.includes(r.node))
    .map((r) => ({ ...r, deployment }));
  return { replaces: previous.id, carry, seed: { states, effects } };
}

const SHOWN_RESETS = 5;

/** The hub's `deploy` event: what was deployed and, for a redeploy, what it kept. */
export function deployMessage(graph: GraphDocument, plan: CarryOverPlan | undefined): string {
  if (!plan) return `deployed ${graph.name}`;
  const { carried, reset } = plan.carry;
  const kept = `kept the state of ${carried.length} variable${carried.length === 1 ? '' : 's'}`;
  const named = reset.slice(0, SHOWN_RESETS).map((r) => `${r.variable}: ${r.message}`);
  if (reset.length > SHOWN_RESETS) named.push(`${reset.length - SHOWN_RESETS} more`);
  const empty =
    reset.length === 0
      ? 'none starts empty'
      : `${reset.length} start${reset.length === 1 ? 's' : ''} empty (${named.join('; ')})`;
  return `deployed ${graph.name} in place of ${plan.replaces}: ${kept}; ${empty}`;
}
