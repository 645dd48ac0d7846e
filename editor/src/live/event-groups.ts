import type { HubEventMessage } from '@inflow/shared-core';

type EventKind = HubEventMessage['kind'];

/** The event log's filters: the hub's event kinds, in the groups a user thinks in. */
export const EVENT_GROUPS = [
  { id: 'deploys', label: 'deploys', kinds: ['deploy', 'stop'] },
  { id: 'agents', label: 'agents', kinds: ['agent-joined', 'agent-left'] },
  { id: 'placement', label: 'placement', kinds: ['placement'] },
  { id: 'effects', label: 'effects', kinds: ['effect'] },
  { id: 'errors', label: 'errors', kinds: ['error'] },
] as const satisfies readonly { id: string; label: string; kinds: readonly EventKind[] }[];

export type EventGroupId = (typeof EVENT_GROUPS)[number]['id'];

export function groupOf(kind: EventKind): EventGroupId {
  const group = EVENT_GROUPS.find((g) => (g.kinds as readonly EventKind[]).includes(kind));
  // Every kind is in a group (the test checks); an unknown one, from a newer hub, is an error.
  return group?.id ?? 'errors';
}

/** How many events each group holds. */
export function countByGroup(events: readonly HubEventMessage[]): Record<EventGroupId, number> {
  const counts: Record<EventGroupId, number> = {
    deploys: 0,
    agents: 0,
    placement: 0,
    effects: 0,
    errors: 0,
  };
  for (const e of events) counts[groupOf(e.kind)] += 1;
  return counts;
}
