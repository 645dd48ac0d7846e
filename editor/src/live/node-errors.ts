import type { HubEventMessage } from '@inflow/shared-core';

/** The error events the log holds of each node, newest first (never an empty list). */
type ErrorIndex = ReadonlyMap<string, readonly HubEventMessage[]>;

const indexes = new WeakMap<readonly HubEventMessage[], Map<string | undefined, ErrorIndex>>();

/**
 * The errors of the shown deployment by node, from the held events (newest first). Built once per
 * events array and deployment, so every node's badge and the inspector select their entry at no
 * cost, and get the same list back until the events change.
 */
export function nodeErrorIndex(
  events: readonly HubEventMessage[],
  deployment: string | undefined,
): ErrorIndex {
  let byDeployment = indexes.get(events);
  if (!byDeployment) indexes.set(events, (byDeployment = new Map()));
  const cached = byDeployment.get(deployment);
  if (cached) return cached;
  const index = new Map<string, HubEventMessage[]>();
  if (deployment !== undefined) {
    for (const event of events) {
      if (event.kind !== 'error' || event.deployment !== deployment || !event.node) continue;
      const held = index.get(event.node);
      if (held) held.push(event);
      else index.set(event.node, [event]);
    }
  }
  byDeployment.set(deployment, index);
  return index;
}
