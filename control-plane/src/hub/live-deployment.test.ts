import { MemoryHubStore, placeGraph, validateGraph } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { readExample } from '../testing/test-server.js';
import { storedPlan } from './stored-plan.js';
import { LiveDeployment } from './live-deployment.js';

async function adCounter(): Promise<LiveDeployment> {
  const checked = validateGraph(await readExample('ad-counter.json'));
  if (!checked.ok) throw new Error('the example does not validate');
  const agents = [{ name: 'server-1', labels: { role: 'server' }, trusted: true }];
  const client = { name: 'client-1', labels: { role: 'client' }, trusted: false };
  const placed = placeGraph(checked.graph, [...agents, client]);
  if (!placed.ok) throw new Error('unplaceable');
  const info = { id: 'd1', graphId: 'g1', rev: 1, createdAt: 0 };
  return new LiveDeployment(
    info,
    checked.graph,
    placed.placement,
    1,
    new MemoryHubStore(),
    () => {},
    () => {},
  );
}

describe('LiveDeployment.measuredRates', () => {
  it('gives nothing until it has watched long enough, then bytes/s per variable', async () => {
    const live = await adCounter();
    const impression = { op: 'apply', key: 'rovio-1', inner: { op: 'increment' } };
    for (let i = 0; i < 10; i++)
      expect(live.room.update('impressions', impression, 'hub')).toEqual({ ok: true });
    expect(live.measuredRates(Date.now() + 1_000)).toEqual({});
    const later = live.measuredRates(Date.now() + 60_000);
    const bytes = live.room.grownBytes().impressions ?? 0;
    expect(bytes).toBeGreaterThan(0);
    // Measured over about 60 s, so a little less than bytes / 60 per second.
    expect(later.impressions).toBeGreaterThan(0);
    expect(later.impressions).toBeLessThanOrEqual(bytes / 60);
    expect(later.contracts).toBe(0);
  });
});

describe('storedPlan', () => {
  it('reads a plan stored before explanations had terms as the same plan, filled in', () => {
    const old = JSON.stringify({
      nodes: { m: ['a'] },
      variables: { v: ['a'] },
      explanations: { m: 'a: holds an input' },
    });
    expect(storedPlan(old)).toEqual({
      nodes: { m: ['a'] },
      variables: { v: ['a'] },
      explanations: {
        m: { rule: 'scored', summary: 'a: holds an input', removed: [], candidates: [] },
      },
      rates: {},
      traffic: 0,
    });
  });
});
