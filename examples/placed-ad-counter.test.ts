import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  agentShare,
  EffectLedger,
  HubRoom,
  installGraph,
  MemoryEffectStore,
  MemoryHubStore,
  MemoryReplicaLog,
  parseGraphJson,
  placeGraph,
  Prng,
  ReplicaEndpoint,
  replicatedVariables,
  Runtime,
  NO_FAULTS,
  TestLinkPair,
  type GraphDocument,
} from '@inflow/shared-core';

function load(name: string): GraphDocument {
  const parsed = parseGraphJson(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.graph;
}

const AGENTS = [
  { name: 'client-1', labels: { role: 'client' }, trusted: false },
  { name: 'client-2', labels: { role: 'client' }, trusted: false },
  { name: 'server-1', labels: { role: 'server' }, trusted: true },
];

/** The ad counter as a deployment runs it: each agent its share, replicating through a hub. */
function deployAdCounter() {
  const graph = load('ad-counter.json');
  const placed = placeGraph(graph, AGENTS);
  if (!placed.ok) throw new Error(placed.problems.map((p) => p.message).join('\n'));
  const types = replicatedVariables(graph);
  const hub = HubRoom.restore({ deployment: 'd1', variables: types, store: new MemoryHubStore() });
  const ledger = new EffectLedger(new MemoryEffectStore());
  const rng = new Prng(11);
  const agents = AGENTS.map(({ name }) => {
    const share = agentShare(graph, placed.placement, name);
    const runtime = new Runtime({ replica: name });
    installGraph(runtime, graph, {
      share,
      membership: () => ['server-1'],
      // An agent asks the hub's ledger over its socket; here the ledger is at hand.
      effects: (effect, perform) => {
        const claim = { deployment: 'd1', ...effect };
        if (!ledger.claim(claim, name).granted) return;
        perform();
        ledger.complete(claim, name);
      },
    });
    const variables = runtime.ids().filter((id) => types.has(id));
    const endpoint = ReplicaEndpoint.restore(runtime, new MemoryReplicaLog(), {
      deployment: 'd1',
      variables,
    });
    const pair = new TestLinkPair(name, rng, NO_FAULTS);
    pair.onHub = (event, message) => hub.receive(name, event, message);
    pair.onAgent = (event, message) => endpoint.receive(event, message);
    expect(hub.join(name, pair.hubLink, variables)).toEqual({ ok: true });
    endpoint.connect(pair.agentLink);
    return { name, share, runtime, endpoint, pair, variables };
  });
  const settle = () => {
    for (let moved = true; moved;) {
      moved = false;
      for (const a of agents) while (a.pair.step()) moved = true;
    }
  };
  return { graph, placed: placed.placement, hub, ledger, agents, settle };
}

describe('the ad counter placed on three agents, replicating through the hub', () => {
  it('gives each client its counter replica, and the trusted server the trigger and the set operators', () => {
    const { agents, hub, placed } = deployAdCounter();
    const [c1, c2, server] = agents;
    for (const client of [c1, c2]) {
      expect(client?.share.nodes).toEqual(['gameClients']);
      expect(client?.variables).toEqual(['impressions']);
    }
    // The trigger writes the ad sets, so the server holds them anyway: the set operators cost
    // least next to them, and no client receives an ad or a contract.
    expect(server?.share.nodes).toEqual([
      'ads',
      'adsContracts',
      'adsLog',
      'adsWithContracts',
      'removeAd',
    ]);
    expect(hub.roomOf('impressions')).toEqual(['client-1', 'client-2', 'server-1']);
    expect(hub.roomOf('contracts')).toEqual(['server-1']);
    expect(placed.explanations.adsContracts?.summary).toMatch(
      /^on server-1: least cross-agent traffic .*; client-\d would add [\d.]+ B\/s, as it would have to receive ads, contracts and forward its output$/,
    );
    expect(placed.explanations.removeAd?.removed).toEqual([
      { constraint: 'trusted', agents: ['client-1', 'client-2'] },
    ]);
    expect(placed.explanations.gameClients?.summary).toBe(
      'runs on each of the 2 agents labelled role=client that qualify: client-1, client-2',
    );
  });

  it('moves only what a client ran when it stops: the other client and the server keep theirs', () => {
    const { placed } = deployAdCounter();
    const after = placeGraph(load('ad-counter.json'), AGENTS.slice(1), { previous: placed });
    if (!after.ok) throw new Error(JSON.stringify(after.problems));
    for (const [id, agents] of Object.entries(placed.nodes)) {
      expect(after.placement.nodes[id]).toEqual(agents.filter((a) => a !== 'client-1'));
    }
    expect(after.placement.explanations.adsContracts?.rule).toBe('kept');
    expect(after.placement.explanations.gameClients?.summary).toBe(
      'runs on the one agent labelled role=client that qualifies: client-2',
    );
    expect(after.placement.explanations.contracts?.summary).toMatch(
      /^held by server-1, which runs /,
    );
  });

  it('removes every ad at its threshold, once, and every replica agrees with the hub', () => {
    const { agents, hub, ledger, settle } = deployAdCounter();
    const ads = ['rovio-1', 'rovio-2', 'riot-1', 'riot-2'];
    for (const id of ads) {
      const advertiser = id.startsWith('rovio') ? 'Rovio' : 'Riot';
      expect(
        hub.update(
          `${advertiser.toLowerCase()}Ads`,
          { op: 'add', value: { id, advertiser } },
          'hub',
        ),
      ).toEqual({ ok: true });
      expect(hub.update('contracts', { op: 'add', value: { id } }, 'hub')).toEqual({ ok: true });
    }
    settle();
    const clients = agents.filter((a) => a.name.startsWith('client'));
    for (let i = 0; i < 500; i++) {
      const client = clients[i % 2];
      const ad = ads[i % ads.length] as string;
      client?.runtime.update('impressions', { op: 'apply', key: ad, inner: { op: 'increment' } });
      if (i % 7 === 0) settle();
    }
    settle();
    const counts = hub.query('impressions') as Record<string, number>;
    for (const ad of ads) expect(counts[ad]).toBe(125);
    expect(hub.query('rovioAds')).toEqual([]);
    expect(hub.query('riotAds')).toEqual([]);
    const runsFilter = agents.find((a) => a.share.nodes.includes('adsWithContracts'));
    expect(runsFilter?.runtime.query('adsWithContracts')).toEqual([]);
    for (const a of agents) {
      for (const v of a.variables) expect(a.runtime.query(v)).toEqual(hub.query(v));
    }
    expect(
      ledger
        .records('d1')
        .map((r) => [r.key, r.status, r.grants])
        .sort(),
    ).toEqual(ads.map((ad) => [ad, 'done', 1]).sort());
  });
});
