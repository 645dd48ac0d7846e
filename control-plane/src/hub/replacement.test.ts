import type { Assignment } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { readExample, serverWithSockets, withAdminToken } from '../testing/test-server.js';
import { connectWireAgent, until } from '../testing/wire-agent.js';

const GRACE_MS = 300;
const suite = serverWithSockets({ ...withAdminToken, graceMs: GRACE_MS });

interface View {
  version: number;
  placement: { nodes: Record<string, string[]> };
  agents: Array<{ name: string; online: boolean }>;
}

describe('an agent that stays away past its grace period', () => {
  it('has what it ran placed on the survivors, and nothing else moves', async () => {
    const [c1, c2, server] = await Promise.all([
      connectWireAgent(suite, 'client-1', 'client'),
      connectWireAgent(suite, 'client-2', 'client'),
      connectWireAgent(suite, 'server-1', 'server', true),
    ]);
    const graph = await readExample('ad-counter.json');
    const res = await suite.server.send('POST', '/api/deployments', graph);
    const { deploymentId } = (await res.json()) as { deploymentId: string };
    const view = async () =>
      (await (await suite.server.api(`/api/deployments/${deploymentId}`)).json()) as View;
    const before = await view();
    // The set operators cost least next to the trigger that writes the ads: a client runs only
    // its own `each` source.
    const onC1 = Object.entries(before.placement.nodes)
      .filter(([, agents]) => agents.includes('client-1'))
      .map(([node]) => node);
    expect(onC1).toEqual(['gameClients']);
    expect(before.placement.nodes.ads).toEqual(['server-1']);

    // A short absence within the grace period moves nothing.
    c2.socket.disconnect();
    await new Promise((r) => setTimeout(r, GRACE_MS / 3));
    const c2again = await connectWireAgent(suite, 'client-2', 'client', false, c2.token);
    await until(() => c2again.assignments.length === 1, 'client-2 reassigned');
    expect((await view()).version).toBe(1);

    c1.socket.disconnect();
    await until(async () => (await view()).version === 2, 'placed again');
    const after = await view();
    for (const [node, agents] of Object.entries(after.placement.nodes)) {
      expect(agents).not.toContain('client-1');
      if (!onC1.includes(node)) expect(agents).toEqual(before.placement.nodes[node]);
    }
    expect(after.placement.nodes.gameClients).toEqual(['client-2']);
    // Said once every deployment it ran was placed again.
    const log = async () =>
      ((await (await suite.server.api('/api/events')).json()) as { events: { message: string }[] })
        .events;
    await until(
      async () => (await log()).some((e) => e.message.startsWith('client-1 stayed away')),
      'the event',
    );
    expect((await log()).map((e) => e.message)).toEqual(
      expect.arrayContaining([
        'client-1 stayed away; its work was placed again',
        // What moved, from where to where: the source of each client now has one client left,
        // and the impressions it wrote one holder fewer.
        'placed again (v2): gameClients client-1, client-2 → client-2; ' +
          'impressions client-1, client-2, server-1 → client-2, server-1',
      ]),
    );
    // Nothing the survivors run changed, so neither got a new share.
    const shares = [server, c2again].map((a) => a.assignments.length);
    expect(shares).toEqual([1, 1]);
  });

  it('hands an effect its holder never completed to the agent that takes over, and only to it', async () => {
    const [, s1, s2] = await Promise.all([
      connectWireAgent(suite, 'client-9', 'client'),
      connectWireAgent(suite, 'server-8', 'server', true),
      connectWireAgent(suite, 'server-9', 'server', true),
    ]);
    const graph = await readExample('ad-counter.json');
    const res = await suite.server.send('POST', '/api/deployments', graph);
    const { deploymentId } = (await res.json()) as { deploymentId: string };
    // Earlier tests' deployments may move onto these agents too: only this one counts.
    const runsTrigger = (a: Assignment) =>
      a.deployment === deploymentId && a.nodes.includes('removeAd');
    await until(() => s1.assignments.some(runsTrigger), 'server-8 runs it');
    const claim = { deployment: deploymentId, node: 'removeAd', key: 'rovio-1' };
    expect(await s1.socket.emitWithAck('claimEffect', claim)).toEqual({
      ok: true,
      value: { granted: true },
    });
    // server-9 does not run the trigger yet: it may not claim.
    expect(await s2.socket.emitWithAck('claimEffect', claim)).toMatchObject({ ok: false });

    s1.socket.disconnect();
    await until(() => s2.assignments.some(runsTrigger), 'the takeover');
    expect(await s2.socket.emitWithAck('claimEffect', claim)).toEqual({
      ok: true,
      value: { granted: true },
    });
    s2.socket.emit('completeEffect', claim);
    const view = async () =>
      (await (await suite.server.api(`/api/deployments/${deploymentId}`)).json()) as {
        effects: Array<{ key: string; holder: string; status: string; grants: number }>;
      };
    let effects = (await view()).effects;
    for (let i = 0; i < 50 && effects[0]?.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      effects = (await view()).effects;
    }
    expect(effects).toEqual([
      { key: 'rovio-1', node: 'removeAd', holder: 'server-9', status: 'done', grants: 2 },
    ]);
  });
});
