import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '@inflow/agent';
import { CLIENT, impression, SERVER, Stack, waitFor } from './stack.js';

// Lasp's ad counter on three agents: client-1 and server-1 are `inflow-agent` processes,
// client-2 is a game client embedding the agent library. 100 ads with a threshold of 100
// impressions each: at least 10,000 impressions before every ad is gone.

const ADS = 100;
const THRESHOLD = 100;

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

const ids = (value: unknown) => (value as Array<{ id: string }>).map((a) => a.id);

describe('the ad counter on three real agents', () => {
  it('removes every ad at its threshold, once, and every replica agrees with the hub', async () => {
    const deployment = await stack.deployExample('ad-counter.json');
    await waitFor(() => client2.deployments().length === 1 || undefined, 'client-2 assigned');
    const ads = Array.from({ length: ADS }, (_, i) => {
      const advertiser = i % 2 === 0 ? 'Rovio' : 'Riot';
      return { id: `${advertiser.toLowerCase()}-${i}`, advertiser };
    });
    for (const [variable, advertiser] of [
      ['rovioAds', 'Rovio'],
      ['riotAds', 'Riot'],
    ] as const) {
      const values = ads.filter((a) => a.advertiser === advertiser);
      expect((await stack.ops(deployment, variable, { op: { op: 'addAll', values } })).status).toBe(
        202,
      );
    }
    const contracts = { op: { op: 'addAll', values: ads.map((a) => ({ id: a.id })) } };
    expect((await stack.ops(deployment, 'contracts', contracts)).status).toBe(202);

    // Each round, both clients show the ads the hub still serves: client-1 through the REST
    // API (202 once durable in its log), client-2 through the library.
    let sent = 0;
    for (let round = 0; round < 200; round++) {
      const view = await stack.view(deployment);
      const shown = [...ids(view.variables.rovioAds?.value), ...ids(view.variables.riotAds?.value)];
      if (shown.length === 0) break;
      const batch = Array.from({ length: 100 }, (_, i) =>
        impression(shown[i % shown.length] as string),
      );
      const res = await stack.ops(deployment, 'impressions', { ops: batch, agent: 'client-1' });
      expect(res.status).toBe(202);
      for (const op of batch) client2.update('impressions', op);
      sent += 2 * batch.length;
    }
    expect(sent).toBeGreaterThanOrEqual(ADS * THRESHOLD);

    const view = await stack.converged(
      deployment,
      (v) =>
        ids(v.variables.rovioAds?.value).length === 0 &&
        ids(v.variables.riotAds?.value).length === 0 &&
        Object.values(v.variables.impressions?.value as Record<string, number>).reduce(
          (a, b) => a + b,
          0,
        ) === sent,
      'every ad removed and every impression counted',
    );
    const counts = view.variables.impressions?.value as Record<string, number>;
    for (const ad of ads) expect(counts[ad.id]).toBeGreaterThanOrEqual(THRESHOLD);
    expect(view.variables.adsWithContracts?.value).toEqual([]);
    expect(client2.query('impressions')).toEqual(counts);
    expect(view.variables.impressions?.replicas).toBe(4);

    // The removal is the exactly-once effect: granted once per ad, performed once, on server-1.
    expect(view.effects).toHaveLength(ADS);
    for (const e of view.effects)
      expect(e).toMatchObject({ holder: 'server-1', status: 'done', grants: 1 });
    // The whole log: server-1 also runs the log sink, whose lines push these out of the tail.
    // The agent's output reaches the file through a pipe, so it may trail the ledger a little.
    const performed = async () =>
      (await readFile(stack.logFile('server-1'), 'utf8'))
        .split('\n')
        .filter((l) => l.includes('effect performed')).length;
    await expect.poll(performed, { timeout: 10_000 }).toBeGreaterThanOrEqual(ADS);
    expect(await performed()).toBe(ADS);
  });
});
