import type { PlacementPlan } from '@inflow/shared-core';
import type { Store } from '../data/store.js';
import type { LiveDeployment } from './live-deployment.js';
import { formerHostsJson } from './stored-former-hosts.js';

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
