import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '@inflow/agent';
import { CLIENT, impression, SERVER, Stack, waitFor } from './stack.js';

// The control plane killed with SIGKILL mid-run and started again on the same data dir.

let stack: Stack;
let client2: Agent;

beforeAll(async () => {
  stack = await Stack.start();
  await stack.startProcess({ name: 'client-1', labels: CLIENT });
  await stack.startProcess({ name: 'server-1', labels: SERVER, trusted: true });
  client2 = await stack.embed({ name: 'client-2', labels: CLIENT });
  await stack.online(['client-1', 'client-2', 'server-1']);
});
afterAll(() => stack?.dispose());

const count = (value: unknown, key: string) => (value as Record<string, number>)[key] ?? 0;

describe('a control plane restarted mid-run', () => {
  it('comes back with its deployments, placement and state; agents reconnect; nothing is lost', async () => {
    const deployment = await stack.deployExample('ad-counter.json');
    await waitFor(() => client2.deployments().length === 1 || undefined, 'the assignment');
    const ad = { id: 'rovio-1', advertiser: 'Rovio' };
    expect((await stack.ops(deployment, 'rovioAds', { op: { op: 'add', value: ad } })).status).toBe(
      202,
    );
    for (let i = 0; i < 40; i++) client2.update('impressions', impression('probe'));
    const before = await stack.converged(
      deployment,
      (v) => count(v.variables.impressions?.value, 'probe') === 40,
      'the first impressions at the hub',
    );

    await stack.crashControlPlane();
    await waitFor(() => !client2.connected || undefined, 'the agent to notice');
    for (let i = 0; i < 60; i++) client2.update('impressions', impression('probe'));
    await stack.startControlPlane();
    await stack.online(['client-1', 'client-2', 'server-1']);

    const after = await stack.converged(
      deployment,
      (v) => count(v.variables.impressions?.value, 'probe') === 100,
      'every impression at the restarted hub',
    );
    expect(after.status).toBe('running');
    expect(after.placement).toEqual(before.placement);
    expect(after.variables.rovioAds?.value).toEqual([ad]);
    expect(after.agents.every((a) => a.online)).toBe(true);
  });
});
