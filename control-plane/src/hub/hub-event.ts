import type { HubEventMessage, RuntimeIssueReport } from '@inflow/shared-core';

/** Something an operator watching the editor's event log should see. */
export type HubEvent = HubEventMessage;

/** How the event log shows an issue an agent reported: the node, the agent, how often. */
export function issueMessage(agent: string, issue: RuntimeIssueReport): string {
  const times = issue.count > 1 ? ` (${issue.count} times)` : '';
  return `${issue.where} on ${agent}: ${issue.message}${times}`;
}
