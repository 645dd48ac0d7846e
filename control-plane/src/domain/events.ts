import type { HubEventMessage } from '@inflow/shared-core';
import { notFound } from '../app-error.js';
import type { Store } from '../data/store.js';
import type { LiveFeed } from '../hub/live-feed.js';
import { singleParam } from './query-params.js';

/**
 * The event log as editors get it on connecting, oldest first; of one deployment when asked. A
 * deployment neither stored (running or stopped) nor named by an event is a 404: an empty list
 * would hide a mistyped id. (Deleting a graph deletes its deployments; their events stay.)
 */
export async function listEvents(
  deps: { feed: LiveFeed; store: Store },
  deployment?: unknown,
): Promise<{ events: HubEventMessage[] }> {
  const events = deps.feed.history();
  if (deployment === undefined) return { events };
  const id = singleParam(deployment, 'deployment');
  const own = events.filter((e) => e.deployment === id);
  if (own.length === 0 && !(await deps.store.getDeployment(id))) throw notFound('deployment', id);
  return { events: own };
}
