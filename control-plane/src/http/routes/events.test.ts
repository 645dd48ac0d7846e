import type { HubEventMessage } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { readExample, serverWithSockets } from '../../testing/test-server.js';
import { connectWireAgent, until } from '../../testing/wire-agent.js';

const suite = serverWithSockets();

const events = async (query = '') => {
  const res = await suite.server.api(`/api/events${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { events: HubEventMessage[] }).events;
};

describe('GET /api/events', () => {
  it('when things happened, then it lists them oldest first, or those of one deployment', async () => {
    expect(await events()).toEqual([]);
    await connectWireAgent(suite, 'server-1', 'server', true);
    await connectWireAgent(suite, 'client-1', 'client');
    const res = await suite.server.send(
      'POST',
      '/api/deployments',
      await readExample('ad-counter.json'),
    );
    const { deploymentId, graphId } = (await res.json()) as {
      deploymentId: string;
      graphId: string;
    };
    await until(async () => (await events()).some((e) => e.kind === 'deploy'), 'the deploy');

    const all = await events();
    expect(all.map((e) => [e.kind, e.message.split(':')[0]])).toEqual([
      ['agent-joined', 'server-1 connected'],
      ['agent-joined', 'client-1 connected'],
      ['deploy', expect.any(String)],
    ]);
    expect(all[2]).toMatchObject({ deployment: deploymentId });
    expect(await events(`?deployment=${deploymentId}`)).toEqual([all[2]]);

    // Stopped, and then gone with its graph: still known by its events, so still a 200.
    await suite.server.api(`/api/deployments/${deploymentId}`, { method: 'DELETE' });
    await until(async () => (await events()).some((e) => e.kind === 'stop'), 'the stop');
    const own = await events(`?deployment=${deploymentId}`);
    expect(own.map((e) => e.kind)).toEqual(['deploy', 'stop']);
    expect((await suite.server.api(`/api/graphs/${graphId}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect(await events(`?deployment=${deploymentId}`)).toEqual(own);
  });

  it('when the deployment is unknown, then 404 names it', async () => {
    const res = await suite.server.api('/api/events?deployment=d_nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no deployment with id "d_nope"' });
  });

  it('when the deployment is given twice or empty, then 400 says so', async () => {
    const cases = [
      ['?deployment=a&deployment=b', 'deployment must be given once, not 2 times'],
      ['?deployment=', 'deployment must not be empty'],
    ];
    for (const [query, error] of cases) {
      const res = await suite.server.api(`/api/events${query}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error });
    }
  });

  it('when the token is missing, then 401', async () => {
    const res = await fetch(`${suite.server.url}/api/events`);
    expect(res.status).toBe(401);
  });
});
