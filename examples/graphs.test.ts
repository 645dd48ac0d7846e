import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  installGraph,
  placeGraph,
  parseGraphJson,
  Prng,
  Runtime,
  SimNetwork,
  type GraphDocument,
  type Value,
} from '@inflow/shared-core';

function load(name: string): GraphDocument {
  const parsed = parseGraphJson(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.graph;
}

/** Replicas that each run the whole graph, replicating the graph's non-dynamic variables through a hub. */
function deploy(graph: GraphDocument, replicaIds: string[], seed: number) {
  const sinks: Array<{ node: string; value: unknown }> = [];
  const runtimes = replicaIds.map((replica) => new Runtime({ replica }));
  const programs = runtimes.map((runtime) =>
    installGraph(runtime, graph, {
      membership: () => ['server'],
      onSink: (s) => void sinks.push(s),
    }),
  );
  const replicated = new Set(
    graph.nodes.filter((n) => n.kind === 'variable' && n.params.dynamic !== true).map((n) => n.id),
  );
  const network = new SimNetwork(runtimes, new Prng(seed), {
    loss: 0.1,
    duplicate: 0.05,
    latency: 10,
    hub: 0,
    replicate: (id) => replicated.has(id),
  });
  return { runtimes, programs, network, sinks };
}

describe('the example graphs', () => {
  it.each(['ad-counter.json', 'leaderboard.json'])('%s validates', (name) => {
    const result = parseGraphJson(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('keeps the ad counter as Lasp drew it', () => {
    const byId = new Map(load('ad-counter.json').nodes.map((n) => [n.id, n]));
    expect(byId.get('ads')?.type).toBe('union');
    expect(byId.get('adsContracts')?.type).toBe('product');
    expect(byId.get('adsWithContracts')?.params).toEqual({ predicate: 'x[0].id == x[1].id' });
    expect(byId.get('removeAd')?.placement?.trustedOnly).toBe(true);
  });
});

describe('placing the examples on the three agents `npm start` runs', () => {
  const agents = [
    { name: 'client-1', labels: { role: 'client' }, trusted: false },
    { name: 'client-2', labels: { role: 'client' }, trusted: false },
    { name: 'server-1', labels: { role: 'server' }, trusted: true },
  ];

  it('puts the ad counter trigger on the trusted server and the game clients on both clients', () => {
    const result = placeGraph(load('ad-counter.json'), agents);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.placement.nodes.removeAd).toEqual(['server-1']);
    expect(result.placement.nodes.gameClients).toEqual(['client-1', 'client-2']);
    expect(result.placement.variables.impressions).toEqual(['client-1', 'client-2', 'server-1']);
  });

  it('runs the leaderboard fold on each client, next to its scores', () => {
    const result = placeGraph(load('leaderboard.json'), agents);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.placement.nodes.localTop).toEqual(['client-1', 'client-2']);
    expect(result.placement.variables.scores).toEqual(['client-1', 'client-2']);
  });
});

describe('examples/ad-counter.json', () => {
  it('validates and runs: every ad is removed once its impressions reach the threshold', () => {
    const graph = load('ad-counter.json');
    const threshold = graph.nodes.find((n) => n.id === 'removeAd')?.params as {
      threshold: { n: number };
    };
    const { runtimes, programs, network, sinks } = deploy(
      graph,
      ['server', 'c1', 'c2', 'c3', 'c4', 'c5'],
      11,
    );
    const [server, ...clients] = runtimes as [Runtime, ...Runtime[]];
    for (const advertiser of ['rovio', 'riot']) {
      const ads = [1, 2, 3, 4, 5].map((i) => ({ id: `${advertiser}-${i}`, advertiser }));
      server.update(`${advertiser}Ads`, { op: 'addAll', values: ads });
      server.update('contracts', { op: 'addAll', values: ads.map((ad) => ({ id: ad.id })) });
    }
    const rng = new Prng(5);
    let shown = 0;
    for (let event = 0; event < 2000; event++) {
      const client = rng.pick(clients);
      const visible = client.query('adsWithContracts') as Array<[{ id: string }, Value]>;
      if (visible.length > 0) {
        const [ad] = rng.pick(visible);
        client.update('impressions', { op: 'apply', key: ad.id, inner: { op: 'increment' } });
        shown++;
      }
      network.tick();
      while (network.step());
    }
    network.settle();

    const counts = server.query('impressions') as Record<string, number>;
    expect(Object.keys(counts)).toHaveLength(10);
    for (const n of Object.values(counts)) expect(n).toBeGreaterThanOrEqual(threshold.threshold.n);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(shown);
    for (const runtime of runtimes)
      expect([runtime.replica, runtime.query('adsWithContracts')]).toEqual([runtime.replica, []]);
    // enforce_once: only the server performed the removals.
    expect(programs[0]?.fired('removeAd').size).toBe(10);
    for (const program of programs.slice(1)) expect(program.fired('removeAd').size).toBe(0);
    expect(sinks.some((s) => s.node === 'adsLog')).toBe(true);
  });
});

describe('examples/leaderboard.json', () => {
  it('validates and runs: every replica ends with the true top-K of all games', () => {
    const graph = load('leaderboard.json');
    const k = (graph.nodes.find((n) => n.id === 'leaderboard')?.params as { k: number }).k;
    const { runtimes, network } = deploy(graph, ['server', 'c1', 'c2', 'c3', 'c4'], 3);
    const clients = runtimes.slice(1);
    const rng = new Prng(9);
    const best = new Map<string, number>();
    for (let game = 0; game < 600; game++) {
      const client = rng.pick(clients);
      const score = 1 + rng.int(1_000_000);
      client.update('scores', { op: 'add', value: { player: client.replica, score, game } });
      best.set(client.replica, Math.max(best.get(client.replica) ?? 0, score));
      network.tick();
      while (network.step());
    }
    network.settle();
    const expected = [...best]
      .sort(([, a], [, b]) => b - a)
      .slice(0, k)
      .map(([key, score]) => ({ key, score }));
    for (const runtime of runtimes)
      expect([runtime.replica, runtime.query('leaderboard')]).toEqual([runtime.replica, expected]);
    // The games stay on the client that played them.
    expect(runtimes[0]?.query('scores')).toEqual([]);
  });
});
