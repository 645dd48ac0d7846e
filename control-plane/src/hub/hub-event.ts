import type { HubEventMessage, RuntimeIssueReport } from '@inflow/shared-core';

/**
 * Something an operator watching the editor's event log should see, as the hub reports it: the
 * live feed numbers it (see RecentEvents) before any editor gets it.
 */
export type HubEvent = Omit<HubEventMessage, 'id'>;

/** How the event log shows an issue an agent reported: the node, the agent, the element, how often. */
export function issueMessage(agent: string, issue: RuntimeIssueReport): string {
  const element = issue.element === undefined ? '' : `; element ${issue.element}`;
  const times = issue.count > 1 ? ` (${issue.count} times)` : '';
  return `${issue.where} on ${agent}: ${issue.message}${element}${times}`;
}
