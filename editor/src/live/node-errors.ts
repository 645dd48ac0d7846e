import type { HubEventMessage } from '@inflow/shared-core';

/** What the event log holds of one node's errors: how many, and the newest. */
export interface NodeErrors {
  readonly count: number;
  readonly latest: HubEventMessage;
}

type ErrorIndex = ReadonlyMap<string, NodeErrors>;

const indexes = new WeakMap<readonly HubEventMessage[], Map<string | undefined, ErrorIndex>>();

/**
 * The errors of the shown deployment by node, from the held events (newest first). Built once per
 * events array and deployment, so every node's badge can select its entry at no cost, and gets
 * the same object back until its errors change.
 */
export function nodeErrorIndex(
  events: readonly HubEventMessage[],
  deployment: string | undefined,
): ErrorIndex {
  let byDeployment = indexes.get(events);
  if (!byDeployment) indexes.set(events, (byDeployment = new Map()));
  const cached = byDeployment.get(deployment);
  if (cached) return cached;
  const index = new Map<string, NodeErrors>();
  if (deployment !== undefined) {
    for (const event of events) {
      if (event.kind !== 'error' || event.deployment !== deployment || !event.node) continue;
      const seen = index.get(event.node);
      index.set(event.node, { count: (seen?.count ?? 0) + 1, latest: seen?.latest ?? event });
    }
  }
  byDeployment.set(deployment, index);
  return index;
}
