import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT, impression, SERVER, Stack } from './stack.js';

// kill -9 an agent process in the middle of a run and start it again on the same data dir.

let stack: Stack;

beforeAll(async () => {
  stack = await Stack.start();
  await stack.startProcess({ name: 'client-1', labels: CLIENT });
  await stack.startProcess({ name: 'server-1', labels: SERVER, trusted: true });
  await stack.online(['client-1', 'server-1']);
});
afterAll(() => stack?.dispose());

const count = (value: unknown, key: string) => (value as Record<string, number>)[key] ?? 0;

describe('an agent killed with SIGKILL mid-run', () => {
  it('loses no update it acknowledged, and converges after it restarts', async () => {
    const deployment = await stack.deployExample('ad-counter.json');
    await stack.converged(deployment, (v) => v.agents.length === 2, 'the deployment placed');
    const client = { name: 'client-1', labels: CLIENT };
    // Impressions of a key that is not an ad, so the count only grows.
    const batch = { ops: Array.from({ length: 50 }, () => impression('probe')), agent: 'client-1' };
    let acknowledged = 0;
    let attempted = 0;
    const send = async () => {
      attempted += 50;
      const res = await stack.ops(deployment, 'impressions', batch).catch(() => undefined);
      if (res?.status === 202) acknowledged += 50;
    };
    for (let i = 0; i < 10; i++) await send();
    // The kill lands while a batch is on its way: it is either acknowledged (and so must
    // survive) or not (and may or may not have been applied).
    const inFlight = send();
    await stack.processes.get('client-1')?.kill();
    await inFlight;
    expect(acknowledged).toBeGreaterThanOrEqual(500);

    await stack.startProcess(client);
    await stack.online(['client-1']);
    for (let i = 0; i < 10; i++) await send();
    const view = await stack.converged(
      deployment,
      (v) => count(v.variables.impressions?.value, 'probe') >= acknowledged,
      'every acknowledged impression at the hub',
    );
    const atHub = count(view.variables.impressions?.value, 'probe');
    expect(atHub).toBeGreaterThanOrEqual(acknowledged);
    expect(atHub).toBeLessThanOrEqual(attempted);
    expect(view.agents.find((a) => a.name === 'client-1')?.online).toBe(true);
  });
});
