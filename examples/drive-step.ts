// What drive-ad-counter.ts does each round, decided from the deployment alone: send impressions to
// an online game client, or wait, and say why. Without it the driver sent impressions for ever
// while the agent that removes ads was down, and stopped at the first client that was.

import { REMOVE_AD } from './removed-ads.js';

/** The parts of GET /api/deployments/:id a round reads. */
export interface DriveView {
  placement: { nodes: Record<string, string[]> };
  agents: Array<{ name: string; online: boolean }>;
}

export type DriveStep = { kind: 'send'; agent: string } | { kind: 'wait'; reason: string };

/** The node of the ad counter that game clients send impressions to. */
export const GAME_CLIENTS = 'gameClients';

/** How long the driver goes on without an ad removed before it gives up and says why. */
export const STALL_LIMIT_MS = 60_000;

/**
 * The round's step: impressions go to the online game clients in turn, and only while an agent
 * that runs removeAd is online, since no ad can go without one and impressions sent meanwhile
 * would only be counted past the threshold.
 */
export function nextStep(view: DriveView, round: number): DriveStep {
  const online = new Set(view.agents.filter((a) => a.online).map((a) => a.name));
  const removers = view.placement.nodes[REMOVE_AD] ?? [];
  if (!removers.some((name) => online.has(name))) {
    return { kind: 'wait', reason: noneOnline(REMOVE_AD, removers) };
  }
  const placed = view.placement.nodes[GAME_CLIENTS] ?? [];
  const clients = placed.filter((name) => online.has(name));
  const agent = clients[round % Math.max(1, clients.length)];
  if (agent === undefined) return { kind: 'wait', reason: noneOnline(GAME_CLIENTS, placed) };
  return { kind: 'send', agent };
}

const noneOnline = (node: string, placed: readonly string[]): string =>
  placed.length === 0
    ? `no agent runs ${node} in this deployment`
    : `${node} runs on ${placed.join(', ')}, which ${placed.length === 1 ? 'is' : 'are'} offline`;

/** Why the driver gave up after `waitedMs` without an ad removed, and what to look at. */
export function stallMessage(deployment: string, waitedMs: number, step: DriveStep): string {
  const why =
    step.kind === 'wait'
      ? step.reason
      : 'impressions were sent all along, so look for errors in its events ' +
        `(GET /api/events?deployment=${deployment}, or the editor's event log)`;
  return (
    `no ad was removed in ${Math.round(waitedMs / 1000)} s: ${why}. ` +
    'Run this again once that is fixed: it goes on with the ads still shown.'
  );
}
