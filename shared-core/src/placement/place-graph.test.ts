import { describe, expect, it } from 'vitest';
import { edge, graph, node, operator, variable } from '../graph/graph-fixtures.js';
import type { GraphDocument } from '../graph/graph-document.js';
import { validateGraph } from '../graph/validate-graph.js';
import { placeGraph } from './place-graph.js';
import type { PlacementAgent, PlacementPlan, PlacementResult } from './placement-types.js';

const client1: PlacementAgent = { name: 'client-1', labels: { role: 'client' }, trusted: false };
const client2: PlacementAgent = { name: 'client-2', labels: { role: 'client' }, trusted: false };
const server: PlacementAgent = { name: 'server-1', labels: { role: 'server' }, trusted: true };
const agents = [client1, client2, server];

function valid(doc: unknown): GraphDocument {
  const result = validateGraph(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.graph;
}

function placed(result: PlacementResult): PlacementPlan {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.placement;
}

const problemsOf = (result: PlacementResult) =>
  result.ok ? [] : result.problems.map((p) => [p.nodeId, p.constraint]);

/** Clients count views; a server-side trigger resets an ad once it is seen enough. */
const adGraph = (trigger: Record<string, unknown> = { trustedOnly: true }) =>
  valid(
    graph(
      [
        variable('ads', 'orset'),
        variable('views', 'gmap', { value: { name: 'gcounter' } }),
        node(
          'clients',
          'source',
          'client',
          {},
          { placement: { selector: { role: 'client' }, each: true } },
        ),
        operator('shown', 'filter', { predicate: 'true' }),
        node(
          'retire',
          'trigger',
          'threshold',
          {
            threshold: { kind: 'value', n: 3 },
            mode: 'enforce_once',
            perKey: true,
            action: { op: 'remove', where: 'x == key' },
          },
          { placement: trigger },
        ),
      ],
      [
        edge('e1', 'clients', 'views', 'in', 'action'),
        edge('e2', 'ads', 'shown'),
        edge('e3', 'views', 'retire'),
        edge('e4', 'retire', 'ads', 'in', 'action'),
      ],
    ),
  );

/** Maps reading hub-written sets: `sets` variables, `maps` operators, map i reading set i % sets. */
const fanOut = (sets: number, maps: number, hints: Record<string, Record<string, unknown>> = {}) =>
  valid(
    graph(
      [
        ...Array.from({ length: sets }, (_, i) => variable(`s${i}`, 'orset')),
        ...Array.from({ length: maps }, (_, i) =>
          operator(`m${i}`, 'map', { fn: 'x' }, hints[`m${i}`] ?? {}),
        ),
      ],
      Array.from({ length: maps }, (_, i) => edge(`e${i}`, `s${i % sets}`, `m${i}`)),
    ),
  );

describe('placeGraph: hard constraints', () => {
  it('puts an `each` node on every matching agent and a side effect on a trusted one', () => {
    const plan = placed(placeGraph(adGraph(), agents));
    expect(plan.nodes.clients).toEqual(['client-1', 'client-2']);
    expect(plan.nodes.retire).toEqual(['server-1']);
    // Writers and readers hold replicas: clients count views, the server reads them and removes ads.
    expect(plan.variables.views).toEqual(['client-1', 'client-2', 'server-1']);
    expect(plan.variables.ads).toContain('server-1');
    expect(plan.explanations.retire?.removed).toEqual([
      { constraint: 'trusted', agents: ['client-1', 'client-2'] },
    ]);
    expect(plan.explanations.clients).toMatchObject({
      rule: 'each',
      removed: [{ constraint: 'selector', agents: ['server-1'] }],
    });
  });

  it('is deterministic whatever order the agents come in', () => {
    expect(placeGraph(adGraph(), [server, client2, client1])).toEqual(
      placeGraph(adGraph(), agents),
    );
  });

  it('names the node and the constraint it cannot satisfy, instead of falling back', () => {
    expect(problemsOf(placeGraph(adGraph(), [client1, client2]))).toEqual([['retire', 'trusted']]);
    expect(problemsOf(placeGraph(adGraph({ trustedOnly: true, pin: 'server-9' }), agents))).toEqual(
      [['retire', 'pin']],
    );
    expect(problemsOf(placeGraph(adGraph(), [server]))).toEqual([['clients', 'selector']]);
    expect(problemsOf(placeGraph(adGraph({ trustedOnly: true, replicas: 2 }), agents))).toEqual([
      ['retire', 'replicas'],
    ]);
    const away = { ...server, online: false };
    expect(problemsOf(placeGraph(adGraph(), [client1, client2, away]))).toEqual([
      ['retire', 'offline'],
    ]);
    // With no agent at all, no hint is to blame.
    const nobody = placeGraph(adGraph(), []);
    expect(problemsOf(nobody).every(([, constraint]) => constraint === 'no-agents')).toBe(true);
    expect(problemsOf(nobody).map(([nodeId]) => nodeId)).toContain('retire');
    expect(nobody.ok ? '' : nobody.problems[0]?.message).toMatch(
      /^node \w+ has no agent to run on: none is connected$/,
    );
    const message = placeGraph(adGraph(), [client1, client2]);
    expect(message.ok ? '' : message.problems[0]?.message).toBe(
      'node retire has side effects and needs a trusted agent; none matching is connected',
    );
  });

  it('never puts more on an agent than its capacity, and says so when the graph cannot fit', () => {
    const small = agents.map((a) => ({ ...a, capacity: 2 }));
    const plan = placed(placeGraph(fanOut(1, 6), small));
    const load = (name: string) => Object.values(plan.nodes).filter((a) => a.includes(name)).length;
    expect(agents.map((a) => load(a.name))).toEqual([2, 2, 2]);
    // Every agent is full in the end, so for m0 the two it does not run on were removed.
    const others = agents.map((a) => a.name).filter((a) => !plan.nodes.m0?.includes(a));
    expect(plan.explanations.m0?.removed).toEqual([{ constraint: 'capacity', agents: others }]);
    const tooMany = placeGraph(fanOut(1, 7), small);
    expect(problemsOf(tooMany)).toEqual([['m6', 'capacity']]);
    // `each` nodes must run everywhere they match: when that alone overfills an agent, it is named.
    const full = placeGraph(adGraph(), [{ ...client1, capacity: 0 }, client2, server]);
    expect(problemsOf(full)).toEqual([['clients', 'capacity']]);
  });

  it('runs `replicas: 2` on two different agents', () => {
    const plan = placed(placeGraph(fanOut(1, 1, { m0: { placement: { replicas: 2 } } }), agents));
    expect(plan.nodes.m0).toHaveLength(2);
    expect(new Set(plan.nodes.m0).size).toBe(2);
    expect(plan.explanations.m0?.summary).toMatch(/^on 2 replicas on different agents, /);
  });

  it('keeps a node that ran on an agent now away, but gives that agent nothing new', () => {
    const first = placed(
      placeGraph(fanOut(1, 1, { m0: { placement: { pin: 'client-2' } } }), agents),
    );
    expect(first.nodes.m0).toEqual(['client-2']);
    const away = [client1, { ...client2, online: false }, server];
    const doc = fanOut(1, 2);
    const before = placed(placeGraph(doc, agents));
    const after = placed(placeGraph(doc, away, { previous: before }));
    for (const id of ['m0', 'm1']) {
      if (before.nodes[id]?.includes('client-2')) expect(after.nodes[id]).toEqual(['client-2']);
    }
    const fresh = placed(placeGraph(fanOut(1, 3), away));
    expect(Object.values(fresh.nodes).flat()).not.toContain('client-2');
  });
});

describe('placeGraph: the objective', () => {
  it('runs an operator next to the state it reads, and says what elsewhere would cost', () => {
    const doc = valid(
      graph(
        [
          variable('a', 'orset', {}, { placement: { pin: 'client-2' } }),
          operator('fromA', 'map', { fn: 'x' }),
        ],
        [edge('e1', 'a', 'fromA')],
      ),
    );
    const plan = placed(placeGraph(doc, agents, { rates: { a: 100, fromA: 30 } }));
    expect(plan.nodes.fromA).toEqual(['client-2']);
    expect(plan.rates.a).toEqual({ bytesPerSecond: 100, source: 'measured' });
    // The hub writes `a`: its one holder receives each delta (100); fromA's output goes nowhere.
    expect(plan.traffic).toBe(100);
    const [chosen, next] = plan.explanations.fromA?.candidates ?? [];
    expect(chosen).toMatchObject({ agent: 'client-2', traffic: 100, affinity: 0, moves: false });
    // Elsewhere, that agent also holds `a` (+100), and fromA's output reaches no one more.
    expect(next).toMatchObject({ traffic: 200, total: 200 });
    expect(plan.explanations.fromA?.summary).toMatch(
      /^on client-2: least cross-agent traffic \(100 B\/s in all\); client-1 would add 100 B\/s, as it would have to receive a/,
    );
  });

  it('spreads nodes that cost the same traffic anywhere, to balance load', () => {
    const plan = placed(placeGraph(fanOut(3, 3), agents));
    expect(new Set(Object.values(plan.nodes).flat()).size).toBe(3);
    expect(plan.explanations.m0?.summary).toMatch(/costs the same traffic, and .* runs less/);
  });

  it('puts two readers of one set together, since the set then crosses once', () => {
    const plan = placed(placeGraph(fanOut(1, 2), agents));
    expect(plan.nodes.m0).toEqual(plan.nodes.m1);
  });

  it('prefers agents with the preferred labels, unless another saves more than half the traffic of the node', () => {
    const prefer = { m0: { placement: { prefer: { role: 'server' } } } };
    expect(placed(placeGraph(fanOut(1, 1, prefer), agents)).nodes.m0).toEqual(['server-1']);
    // A pinned reader of s0 on client-1 makes any other agent cost an extra copy of s0 (1000 B/s),
    // more than the penalty (half of the 1001 B/s the map touches).
    const doc = valid(
      graph(
        [
          variable('s0', 'orset'),
          operator('m0', 'map', { fn: 'x' }, { placement: { prefer: { role: 'server' } } }),
          operator('pinned', 'map', { fn: 'x' }, { placement: { pin: 'client-1' } }),
        ],
        [edge('e1', 's0', 'm0'), edge('e2', 's0', 'pinned')],
      ),
    );
    const plan = placed(placeGraph(doc, agents, { rates: { s0: 1000, m0: 1, pinned: 1 } }));
    expect(plan.nodes.m0).toEqual(['client-1']);
    expect(plan.explanations.m0?.candidates.find((c) => c.agent === 'server-1')).toMatchObject({
      affinity: 0,
    });
    expect(plan.explanations.m0?.candidates[0]).toMatchObject({
      agent: 'client-1',
      affinity: 500.5,
    });
  });
});

describe('placeGraph: stability', () => {
  const chain = valid(
    graph(
      [
        variable('x', 'orset', {}, { placement: { pin: 'client-1' } }),
        variable('y', 'orset', {}, { placement: { pin: 'client-2' } }),
        operator('m', 'union'),
      ],
      [edge('e1', 'x', 'm', 'left'), edge('e2', 'y', 'm', 'right')],
    ),
  );

  it('after an agent leaves, moves only what that agent ran', () => {
    const doc = fanOut(3, 6);
    const before = placed(placeGraph(doc, agents));
    const gone = before.nodes.m0?.[0] as string;
    const after = placed(
      placeGraph(
        doc,
        agents.filter((a) => a.name !== gone),
        { previous: before },
      ),
    );
    for (const [id, was] of Object.entries(before.nodes)) {
      if (was.includes(gone)) expect(after.nodes[id]).not.toContain(gone);
      else {
        expect(after.nodes[id]).toEqual(was);
        expect(after.explanations[id]?.rule).toBe('kept');
      }
    }
  });

  it('when an agent joins, extends `each` nodes to it and moves nothing else', () => {
    const client3: PlacementAgent = {
      name: 'client-3',
      labels: { role: 'client' },
      trusted: false,
    };
    const first = placed(placeGraph(adGraph(), agents));
    const grown = placed(placeGraph(adGraph(), [...agents, client3], { previous: first }));
    expect(grown.nodes.clients).toEqual(['client-1', 'client-2', 'client-3']);
    expect(grown.nodes.retire).toEqual(['server-1']);
    expect(grown.nodes.shown).toEqual(first.nodes.shown);
  });

  it('moves a running node when the rates change enough, and not for a small gain', () => {
    const before = placed(placeGraph(chain, agents, { rates: { x: 1000, y: 10, m: 1 } }));
    expect(before.nodes.m).toEqual(['client-1']);
    const swapped = { x: 10, y: 1000, m: 1 };
    const moved = placed(placeGraph(chain, agents, { previous: before, rates: swapped }));
    expect(moved.nodes.m).toEqual(['client-2']);
    const stays = placed(
      placeGraph(chain, agents, { previous: before, rates: swapped, rebalanceGain: 0.99 }),
    );
    expect(stays.nodes.m).toEqual(['client-1']);
    expect(stays.explanations.m?.summary).toMatch(
      /^stays on client-1, where it runs now; client-2 would save 990 B\/s, less than the 99% of/,
    );
    expect(stays.explanations.m?.candidates.find((c) => c.agent === 'client-2')?.moves).toBe(true);
  });

  it('lists the agents a node stays on first among candidates that score the same', () => {
    const doc = fanOut(1, 3);
    // Measured as idle: every agent costs no traffic, so only load and staying put tell them apart.
    const rates = Object.fromEntries(doc.nodes.map((n) => [n.id, 0]));
    const first = placed(placeGraph(doc, [server], { rates }));
    // A client joins, less loaded than the server; nothing gains by moving to it, so all stays.
    const joined = placed(placeGraph(doc, [client1, server], { previous: first, rates }));
    let ties = 0;
    for (const [id, explanation] of Object.entries(joined.explanations)) {
      const { candidates } = explanation;
      const best = Math.min(...candidates.map((c) => c.total));
      const tied = candidates.filter((c) => Math.abs(c.total - best) < 1e-9);
      const chosen = joined.nodes[id] ?? [];
      if (tied.length > 1) ties += 1;
      const firstUnchosen = tied.findIndex((c) => !chosen.includes(c.agent));
      const lastChosen = tied.map((c) => chosen.includes(c.agent)).lastIndexOf(true);
      expect(firstUnchosen === -1 || lastChosen < firstUnchosen, id).toBe(true);
    }
    expect(ties).toBeGreaterThan(0);
  });
});
