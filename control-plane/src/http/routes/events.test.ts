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
    const { deploymentId } = (await res.json()) as { deploymentId: string };
    await until(async () => (await events()).some((e) => e.kind === 'deploy'), 'the deploy');

    const all = await events();
    expect(all.map((e) => [e.kind, e.message.split(':')[0]])).toEqual([
      ['agent-joined', 'server-1 connected'],
      ['agent-joined', 'client-1 connected'],
      ['deploy', expect.any(String)],
    ]);
    expect(all[2]).toMatchObject({ deployment: deploymentId });
    expect(await events(`?deployment=${deploymentId}`)).toEqual([all[2]]);
    expect(await events('?deployment=d_other')).toEqual([]);
  });

  it('when the deployment is given twice or empty, then 400 names it', async () => {
    for (const query of ['?deployment=a&deployment=b', '?deployment=']) {
      const res = await suite.server.api(`/api/events${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/^invalid deployment: /);
    }
  });

  it('when the token is missing, then 401', async () => {
    const res = await fetch(`${suite.server.url}/api/events`);
    expect(res.status).toBe(401);
  });
});
