import {
  placeGraph,
  type PlacementAgent,
  type PlacementPlan,
  type PlacementProblem,
} from '@inflow/shared-core';
import type { Store } from '../data/store.js';
import type { HubEvent } from './hub-event.js';
import type { LiveDeployment } from './live-deployment.js';
import { planMoves } from './plan-moves.js';
import { formerHostsJson } from './stored-former-hosts.js';
import { samePlacement } from './stored-plan.js';

/**
 * Stores a new plan of a running deployment and puts it in force: its next version and the
 * former hosts it leaves, in one write, so an agent a variable moved off may hand in the deltas
 * it still owes also after a restart. False when the store refused it (the deployment stopped
 * or moved on meanwhile): nothing changes then.
 */
export async function storeRePlacement(
  store: Store,
  live: LiveDeployment,
  plan: PlacementPlan,
): Promise<boolean> {
  const version = live.version + 1;
  const formerly = live.nextFormerHosts();
  const saved = await store.updatePlacement({
    id: live.id,
    version,
    placement: JSON.stringify(plan),
    formerHosts: formerHostsJson(formerly),
    at: Date.now(),
  });
  if (saved) live.rePlaced(plan, version, formerly);
  return saved;
}

/**
 * Puts new problems of a deployment's placement in force under its next version (the plan and
 * former hosts stay), so a client that refetches the details when the version moves sees them
 * set and cleared. Nothing happens when they did not change, or the store refused the write.
 */
export async function storeProblems(
  store: Store,
  live: LiveDeployment,
  problems: readonly PlacementProblem[],
): Promise<void> {
  if (JSON.stringify(problems) === JSON.stringify(live.problems)) return;
  const version = live.version + 1;
  const saved = await store.updatePlacement({
    id: live.id,
    version,
    placement: JSON.stringify(live.plan),
    formerHosts: formerHostsJson(live.formerHosts),
    at: Date.now(),
  });
  if (saved) live.problemsChanged(problems, version);
}

/** What placing a deployment again came to: a new plan or the same, or why none was found. */
export type RePlaced = { ok: true; changed: boolean } | { ok: false; reason: string };

/** What re-placement asks of the hub. */
export interface RePlacing {
  readonly store: Store;
  /** The agents placement may use now (see Hub.presentAgents). */
  presentAgents(): PlacementAgent[];
  /** Sends every agent online its share of a deployment whose plan changed. */
  sendShares(live: LiveDeployment): void;
  event(event: Omit<HubEvent, 'at'>): void;
  /** The deployment's live view changed (its version, its problems). */
  changed(deployment: string): void;
}

/** Places a deployment again on the agents present; when that fails, the previous plan stays. */
export async function rePlace(hub: RePlacing, live: LiveDeployment): Promise<RePlaced> {
  const placed = placeGraph(live.graph, hub.presentAgents(), {
    previous: live.plan,
    rates: live.measuredRates(),
  });
  if (!placed.ok) {
    const reason = placed.problems.map((p) => p.message).join('; ');
    await storeProblems(hub.store, live, placed.problems);
    hub.event({ deployment: live.id, kind: 'error', message: `cannot place: ${reason}` });
    return { ok: false, reason };
  }
  const before = live.plan;
  // A node that stays gets new words ("stays on ..."), not a new plan.
  if (
    samePlacement(placed.placement, live.plan) ||
    !(await storeRePlacement(hub.store, live, placed.placement))
  ) {
    const before = live.version;
    await storeProblems(hub.store, live, []);
    if (live.version !== before) hub.changed(live.id);
    return { ok: true, changed: false };
  }
  hub.sendShares(live);
  const moves = planMoves(before, live.plan);
  hub.event({
    deployment: live.id,
    kind: 'placement',
    message: `placed again (v${live.version}): ${moves}`,
  });
  return { ok: true, changed: true };
}

/**
 * The event for an agent's work placed again without it: `subject` says why ("server-1 stayed
 * away"), then what became of each deployment it had a part in.
 */
export function placedAgainMessage(
  subject: string,
  outcomes: ReadonlyArray<{ deployment: string; placed: RePlaced }>,
): string {
  if (outcomes.length === 0) return subject;
  const failed = outcomes.flatMap(({ deployment, placed }) =>
    placed.ok ? [] : [{ deployment, reason: placed.reason }],
  );
  if (failed.length === 0) return `${subject}; its work was placed again`;
  // One deployment needs no name; with several, each says which it is.
  const one = outcomes.length === 1;
  const reasons = failed.map((f) => (one ? f.reason : `${f.deployment}: ${f.reason}`));
  const moved = outcomes.filter((o) => o.placed.ok).map((o) => o.deployment);
  const rest = moved.length > 0 ? `; in ${moved.join(', ')} it was placed again` : '';
  return (
    `${subject}; its work could not be placed again: ${reasons.join('; ')}; ` +
    `the previous plan stays${rest}`
  );
}
