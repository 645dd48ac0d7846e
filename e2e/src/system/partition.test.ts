import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '@inflow/agent';
import { CLIENT, impression, SERVER, Stack, waitFor } from './stack.js';
import { TcpProxy } from './tcp-proxy.js';

// An agent cut off from the control plane by a TCP proxy keeps counting, then reconnects.

let stack: Stack;
let proxy: TcpProxy;
let client: Agent;

beforeAll(async () => {
  stack = await Stack.start();
  proxy = new TcpProxy('127.0.0.1', stack.port);
  const viaProxy = await proxy.start();
  await stack.startProcess({ name: 'server-1', labels: SERVER, trusted: true });
  client = await stack.embed({ name: 'client-1', labels: CLIENT }, viaProxy);
  await stack.online(['client-1', 'server-1']);
});
afterAll(async () => {
  await stack?.dispose();
  await proxy?.stop();
});

const count = (value: unknown, key: string) => (value as Record<string, number>)[key] ?? 0;

describe('an agent cut off from the control plane', () => {
  it('keeps counting offline, reconnects on its own, and nothing is lost', async () => {
    const deployment = await stack.deployExample('ad-counter.json');
    await waitFor(() => client.deployments().length === 1 || undefined, 'the assignment');
    for (let i = 0; i < 200; i++) client.update('impressions', impression('probe'));
    await stack.converged(
      deployment,
      (v) => count(v.variables.impressions?.value, 'probe') === 200,
      'the first 200 at the hub',
    );

    proxy.cut();
    await waitFor(() => !client.connected || undefined, 'the agent to notice the cut');
    for (let i = 0; i < 300; i++) client.update('impressions', impression('probe'));
    expect(count(client.query('impressions'), 'probe')).toBe(500);
    const during = await stack.view(deployment);
    expect(count(during.variables.impressions?.value, 'probe')).toBe(200);
    expect(during.agents.find((a) => a.name === 'client-1')?.online).toBe(false);

    proxy.restore();
    await waitFor(() => client.connected || undefined, 'the agent to reconnect', 30_000);
    const after = await stack.converged(
      deployment,
      (v) => count(v.variables.impressions?.value, 'probe') === 500,
      'all 500 at the hub',
    );
    expect(after.variables.impressions?.value).toEqual(client.query('impressions'));
  });
});
