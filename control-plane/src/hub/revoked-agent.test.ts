import type { DeploymentView, HubEventMessage } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { deployExample, serverWithSockets, withAdminToken } from '../testing/test-server.js';
import { connectWireAgent, until } from '../testing/wire-agent.js';

// A grace far longer than the test waits: only a revocation can move the work in time.
const suite = serverWithSockets({ ...withAdminToken, graceMs: 60_000 });

const view = async (id: string) =>
  (await (await suite.server.api(`/api/deployments/${id}`)).json()) as DeploymentView;

const events = async () =>
  ((await (await suite.server.api('/api/events')).json()) as { events: HubEventMessage[] }).events;

async function tokenId(name: string): Promise<string> {
  const tokens = (await (await suite.server.api('/api/agent-tokens')).json()) as Array<{
    id: string;
    name: string | null;
  }>;
  const token = tokens.find((t) => t.name === name);
  if (!token) throw new Error(`no token named ${name}`);
  return token.id;
}

describe('an agent whose token is revoked', () => {
  it('has its work placed on the others at once, and the log says it was revoked', async () => {
    const [c1] = await Promise.all([
      connectWireAgent(suite, 'client-1', 'client'),
      connectWireAgent(suite, 'client-2', 'client'),
      connectWireAgent(suite, 'server-1', 'server', true),
    ]);
    const deploymentId = await deployExample(suite.server, 'ad-counter.json');
    expect((await view(deploymentId)).placement.nodes.gameClients).toEqual([
      'client-1',
      'client-2',
    ]);

    const gone = new Promise((resolve) => c1.socket.once('disconnect', resolve));
    const revoked = await suite.server.api(`/api/agent-tokens/${await tokenId('client-1')}`, {
      method: 'DELETE',
    });
    expect(revoked.status).toBe(204);
    await gone;
    // Placed again by the time the revocation is answered: no grace for an agent that cannot return.
    const after = await view(deploymentId);
    expect(after.version).toBe(2);
    expect(after.placement.nodes.gameClients).toEqual(['client-2']);
    expect(after.agents.map((a) => a.name)).toEqual(['client-2', 'server-1']);
    await until(
      async () => (await events()).some((e) => e.message.startsWith('client-1')),
      'the event',
    );
    const left = (await events()).filter((e) => e.kind === 'agent-left').map((e) => e.message);
    expect(left).toEqual(["client-1's token was revoked; its work was placed again"]);
  });
});
