import {
  MemoryHubStore,
  placeGraph,
  validateGraph,
  type GraphDocument,
  type PlacementPlan,
} from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { readExample } from '../testing/test-server.js';
import { storedPlan } from './stored-plan.js';
import { LiveDeployment } from './live-deployment.js';
import { formerHostsJson, storedFormerHosts } from './stored-former-hosts.js';

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

describe('LiveDeployment former hosts', () => {
  const counter = (id: string, y: number) => ({
    id,
    kind: 'variable',
    type: 'gcounter',
    params: {},
    position: { x: 0, y },
  });
  const checked = validateGraph({
    format: 'inflow-graph',
    version: 1,
    name: 'two counters',
    nodes: [counter('a', 0), counter('b', 100)],
    edges: [],
  });
  if (!checked.ok) throw new Error('the graph does not validate');
  const graph: GraphDocument = checked.graph;
  const plan = (variables: Record<string, string[]>): PlacementPlan => ({
    nodes: {},
    variables,
    explanations: {},
    rates: {},
    traffic: 0,
  });
  const open = (formerly?: string) =>
    new LiveDeployment(
      { id: 'd1', graphId: 'g1', rev: 1, createdAt: 0 },
      graph,
      plan({ a: ['x'], b: ['x'] }),
      1,
      new MemoryHubStore(),
      () => {},
      () => {},
      storedFormerHosts(formerly, 'd1'),
    );

  it('keeps who held what under every plan before the one in force, and reads back what it stored', () => {
    const live = open();
    expect(live.heldBefore('x', 'a')).toBe(false);
    const second = live.nextFormerHosts();
    // Not in force until stored and handed back.
    expect(live.heldBefore('x', 'a')).toBe(false);
    live.rePlaced(plan({ a: ['y'], b: ['x'] }), 2, second);
    live.rePlaced(plan({ a: ['y'], b: ['y'] }), 3, live.nextFormerHosts());
    expect(live.version).toBe(3);
    const stored = formerHostsJson(live.formerHosts);
    expect(stored).toBe('{"x":["a","b"],"y":["a"]}');
    const restored = open(stored);
    expect([restored.heldBefore('x', 'b'), restored.heldBefore('y', 'a')]).toEqual([true, true]);
    expect(restored.heldBefore('y', 'b')).toBe(false);
  });

  it('refuses unreadable stored former hosts with an error naming the deployment', () => {
    expect(() => storedFormerHosts('{', 'd1')).toThrow(
      'the stored former hosts of d1 are not JSON',
    );
    expect(() => storedFormerHosts('{"x":"a"}', 'd1')).toThrow(
      /^the stored former hosts of d1 are unreadable: x: /,
    );
    expect(() => storedFormerHosts('[]', 'd1')).toThrow(
      'the stored former hosts of d1 are unreadable: Invalid input: expected record, received array',
    );
  });
});
