import { describe, expect, it } from 'vitest';
import { nextStep, stallMessage, type DriveView } from './drive-step.js';

const view = (online: Record<string, boolean>, removeAd = ['server-1']): DriveView => ({
  placement: { nodes: { gameClients: ['client-1', 'client-2'], removeAd } },
  agents: Object.entries(online).map(([name, up]) => ({ name, online: up })),
});

const all = { 'client-1': true, 'client-2': true, 'server-1': true };

describe("the ad counter driver's round", () => {
  it('when every agent is online, then impressions go to the game clients in turn', () => {
    expect([0, 1, 2].map((round) => nextStep(view(all), round))).toEqual([
      { kind: 'send', agent: 'client-1' },
      { kind: 'send', agent: 'client-2' },
      { kind: 'send', agent: 'client-1' },
    ]);
  });

  it('when a game client is offline, then the others get its turns', () => {
    const v = view({ ...all, 'client-1': false });
    expect([0, 1].map((round) => nextStep(v, round))).toEqual([
      { kind: 'send', agent: 'client-2' },
      { kind: 'send', agent: 'client-2' },
    ]);
  });

  it('when the agent that removes ads is offline, then it waits and says which agent', () => {
    expect(nextStep(view({ ...all, 'server-1': false }), 0)).toEqual({
      kind: 'wait',
      reason: 'removeAd runs on server-1, which is offline',
    });
  });

  it('when removeAd has no agent or every game client is down, then it waits and says so', () => {
    expect(nextStep(view(all, []), 0)).toEqual({
      kind: 'wait',
      reason: 'no agent runs removeAd in this deployment',
    });
    const clientsDown = view({ 'client-1': false, 'client-2': false, 'server-1': true });
    expect(nextStep(clientsDown, 3)).toEqual({
      kind: 'wait',
      reason: 'gameClients runs on client-1, client-2, which are offline',
    });
  });

  it('when it gives up, then the message names the cause, or where to look for one', () => {
    const waiting = {
      kind: 'wait',
      reason: 'removeAd runs on server-1, which is offline',
    } as const;
    expect(stallMessage('d_1', 61_000, waiting)).toBe(
      'no ad was removed in 61 s: removeAd runs on server-1, which is offline. ' +
        'Run this again once that is fixed: it goes on with the ads still shown.',
    );
    expect(stallMessage('d_1', 60_400, { kind: 'send', agent: 'client-1' })).toMatch(
      /^no ad was removed in 60 s: impressions were sent all along, so look for errors in its events \(GET \/api\/events\?deployment=d_1/,
    );
  });
});
