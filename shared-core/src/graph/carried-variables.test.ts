import { describe, expect, it } from 'vitest';
import { carriedVariables } from './carried-variables.js';
import type { GraphDocument } from './graph-document.js';
import { edge, graph, node, operator, variable } from './graph-fixtures.js';
import { validateGraph } from './validate-graph.js';

type Json = Record<string, unknown>;

const removeAd = (params: Json = {}, extra: Json = {}) =>
  node(
    'removeAd',
    'trigger',
    'threshold',
    {
      threshold: { kind: 'value', n: 100 },
      mode: 'enforce_once',
      perKey: true,
      action: { op: 'remove', where: 'x.id == key' },
      ...params,
    },
    { placement: { trustedOnly: true }, ...extra },
  );

/** The ad counter, small: two ad sets, their union, a product with contracts, a filter. */
function adCounter(
  over: { nodes?: Record<string, Json | undefined>; edges?: Record<string, Json | undefined> } = {},
): GraphDocument {
  const nodes: Record<string, Json | undefined> = {
    rovioAds: variable('rovioAds', 'orset'),
    riotAds: variable('riotAds', 'orset'),
    contracts: variable('contracts', 'orset'),
    ads: operator('ads', 'union'),
    adsContracts: operator('adsContracts', 'product'),
    adsWithContracts: operator('adsWithContracts', 'filter', { predicate: 'x[0].id == x[1].id' }),
    gameClients: node('gameClients', 'source', 'client'),
    impressions: variable('impressions', 'gmap', { value: { name: 'gcounter' } }),
    removeAd: removeAd(),
    ...over.nodes,
  };
  const edges: Record<string, Json | undefined> = {
    rovio: edge('rovio', 'rovioAds', 'ads', 'left'),
    riot: edge('riot', 'riotAds', 'ads', 'right'),
    adsIn: edge('adsIn', 'ads', 'adsContracts', 'left'),
    contractsIn: edge('contractsIn', 'contracts', 'adsContracts', 'right'),
    filterIn: edge('filterIn', 'adsContracts', 'adsWithContracts'),
    clients: edge('clients', 'gameClients', 'impressions', 'in', 'action'),
    watch: edge('watch', 'impressions', 'removeAd'),
    fromRovio: edge('fromRovio', 'removeAd', 'rovioAds', 'in', 'action'),
    fromRiot: edge('fromRiot', 'removeAd', 'riotAds', 'in', 'action'),
    ...over.edges,
  };
  const present = <T>(xs: Array<T | undefined>) => xs.filter((x): x is T => x !== undefined);
  const checked = validateGraph(
    graph(present(Object.values(nodes)), present(Object.values(edges))),
  );
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems, null, 2));
  return checked.graph;
}

function checked(doc: unknown): GraphDocument {
  const result = validateGraph(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.graph;
}

/** The leaderboard of `examples/leaderboard.json`, with some of its nodes' fields replaced. */
function leaderboard(over: Record<string, Json> = {}): GraphDocument {
  const each = { placement: { selector: { role: 'client' }, each: true } };
  const nodes = [
    node('players', 'source', 'client', {}, each),
    variable('scores', 'awset', { dynamic: true }, { label: 'Local scores', ...each }),
    operator(
      'localTop',
      'fold',
      { aggregate: 'topk', k: 3, key: 'x.player', value: 'x.score' },
      { label: 'Local top 3', ...each },
    ),
    variable('leaderboard', 'topk', { k: 3 }, { label: 'Leaderboard' }),
    node('leaderboardLog', 'sink', 'log', {}, { label: 'Top 3' }),
  ].map((n) => ({ ...n, ...over[n.id as string] }));
  return checked(
    graph(nodes, [
      edge('playersToScores', 'players', 'scores', 'in', 'action'),
      edge('scoresToLocalTop', 'scores', 'localTop'),
      edge('localTopToLeaderboard', 'localTop', 'leaderboard'),
      edge('leaderboardToLog', 'leaderboard', 'leaderboardLog'),
    ]),
  );
}

const ALL = [
  'ads',
  'adsContracts',
  'adsWithContracts',
  'contracts',
  'impressions',
  'riotAds',
  'rovioAds',
];

describe('carriedVariables', () => {
  it('carries every replicated variable of an unchanged graph, and its effects', () => {
    expect(carriedVariables(adCounter(), adCounter())).toEqual({
      carried: ALL,
      reset: [],
      carriedLocal: [],
      resetLocal: [],
      effects: ['removeAd'],
    });
  });

  it('carries everything when only positions, labels, placement or the name change', () => {
    const moved = adCounter({
      nodes: {
        ads: operator('ads', 'union', {}, { label: 'All ads', position: { x: 9, y: 9 } }),
        impressions: variable(
          'impressions',
          'gmap',
          { value: { name: 'gcounter' } },
          { placement: { pin: 'server-1' } },
        ),
      },
    });
    expect(carriedVariables(adCounter(), { ...moved, name: 'Renamed' }).carried).toEqual(ALL);
  });

  it("resets nothing when only a trigger's threshold changes, but its effects no longer carry", () => {
    const next = adCounter({
      nodes: { removeAd: removeAd({ threshold: { kind: 'value', n: 50 } }) },
    });
    expect(carriedVariables(adCounter(), next)).toEqual({
      carried: ALL,
      reset: [],
      carriedLocal: [],
      resetLocal: [],
      effects: [],
    });
  });

  it('does not count writers: a new source writing into a variable resets nothing', () => {
    const next = adCounter({
      nodes: { bots: node('bots', 'source', 'client') },
      edges: { bots: edge('bots', 'bots', 'impressions', 'in', 'action') },
    });
    expect(carriedVariables(adCounter(), next).carried).toEqual(ALL);
  });

  it('resets an operator whose expression changed, and everything derived from it', () => {
    const next = adCounter({
      nodes: {
        adsWithContracts: operator('adsWithContracts', 'filter', { predicate: 'x[0].id != "x"' }),
      },
    });
    const result = carriedVariables(adCounter(), next);
    expect(result.reset).toEqual([
      { variable: 'adsWithContracts', reason: 'params-changed', message: 'params changed' },
    ]);
    expect(result.carried).toEqual(ALL.filter((v) => v !== 'adsWithContracts'));
  });

  it('resets what is downstream of a changed operator, naming the node that changed', () => {
    const next = adCounter({ nodes: { ads: operator('ads', 'intersection') } });
    const { carried, reset } = carriedVariables(adCounter(), next);
    expect(reset).toEqual([
      { variable: 'ads', reason: 'type-changed', message: 'type changed (was union)' },
      {
        variable: 'adsContracts',
        reason: 'upstream-changed',
        from: 'ads',
        message: 'derived from changed node ads',
      },
      {
        variable: 'adsWithContracts',
        reason: 'upstream-changed',
        from: 'ads',
        message: 'derived from changed node ads',
      },
    ]);
    expect(carried).toEqual(['contracts', 'impressions', 'riotAds', 'rovioAds']);
  });

  it('resets a variable whose type or type params changed, and what derives from it', () => {
    const gset = adCounter({ nodes: { contracts: variable('contracts', 'awset') } });
    expect(carriedVariables(adCounter(), gset).reset.map((r) => [r.variable, r.reason])).toEqual([
      ['adsContracts', 'upstream-changed'],
      ['adsWithContracts', 'upstream-changed'],
      ['contracts', 'type-changed'],
    ]);
    const pn = adCounter({
      nodes: { impressions: variable('impressions', 'gmap', { value: { name: 'pncounter' } }) },
    });
    const result = carriedVariables(adCounter(), pn);
    expect(result.reset).toEqual([
      {
        variable: 'impressions',
        reason: 'params-changed',
        message: 'params changed (gmap<gcounter> → gmap<pncounter>)',
      },
    ]);
    // The trigger now watches a counter that starts empty: it must be free to act again.
    expect(result.effects).toEqual([]);
  });

  it('resets an operator whose inputs were swapped or rewired', () => {
    const swapped = adCounter({
      edges: {
        adsIn: edge('adsIn', 'ads', 'adsContracts', 'right'),
        contractsIn: edge('contractsIn', 'contracts', 'adsContracts', 'left'),
      },
    });
    expect(carriedVariables(adCounter(), swapped).reset.slice(0, 1)).toEqual([
      { variable: 'adsContracts', reason: 'inputs-changed', message: 'inputs changed' },
    ]);
  });

  it('lists added variables as new and forgets removed ones; a removed operator resets its readers', () => {
    const next = adCounter({
      nodes: {
        ads: undefined,
        extra: variable('extra', 'gcounter'),
      },
      edges: {
        rovio: undefined,
        riot: undefined,
        adsIn: edge('adsIn', 'rovioAds', 'adsContracts', 'left'),
      },
    });
    const { carried, reset } = carriedVariables(adCounter(), next);
    expect(reset).toEqual([
      { variable: 'adsContracts', reason: 'inputs-changed', message: 'inputs changed' },
      {
        variable: 'adsWithContracts',
        reason: 'upstream-changed',
        from: 'adsContracts',
        message: 'derived from changed node adsContracts',
      },
      { variable: 'extra', reason: 'new', message: 'new' },
    ]);
    expect(carried).toEqual(['contracts', 'impressions', 'riotAds', 'rovioAds']);
  });

  it('treats a variable bound to another state (bind_to) as derived from it', () => {
    const bound = (predicate: string) =>
      adCounter({
        nodes: {
          adsWithContracts: operator('adsWithContracts', 'filter', { predicate }),
          shown: variable('shown', 'orset'),
        },
        edges: { bind: edge('bind', 'adsWithContracts', 'shown') },
      });
    const same = bound('x[0].id == x[1].id');
    expect(carriedVariables(same, same).reset).toEqual([]);
    const reset = carriedVariables(same, bound('true')).reset;
    expect(reset.map((r) => [r.variable, r.reason, r.from])).toEqual([
      ['adsWithContracts', 'params-changed', undefined],
      ['shown', 'upstream-changed', 'adsWithContracts'],
    ]);
    const unbound = adCounter({ nodes: { shown: variable('shown', 'orset') } });
    expect(carriedVariables(unbound, same).reset).toEqual([
      { variable: 'shown', reason: 'inputs-changed', message: 'inputs changed' },
    ]);
  });

  it('never carries a fold_dynamic, nor a variable that was dynamic', () => {
    const dyn = (dynamic: boolean) =>
      checked(
        graph(
          [
            variable('local', 'maxint', { dynamic: true }),
            operator('best', 'fold_dynamic', { aggregate: 'max' }),
            variable('seen', 'gcounter', dynamic ? { dynamic: true } : {}),
          ],
          [edge('in', 'local', 'best')],
        ),
      );
    const result = carriedVariables(dyn(true), dyn(false));
    expect(result.carried).toEqual([]);
    expect(result.carriedLocal).toEqual(['local']);
    expect(result.reset).toEqual([
      {
        variable: 'best',
        reason: 'per-replica',
        message: "holds each agent's value under its replica id, which is new in every deployment",
      },
      { variable: 'seen', reason: 'new', message: 'was dynamic, so no replica kept its state' },
    ]);
    expect(carriedVariables(dyn(false), dyn(true)).resetLocal).toEqual([
      {
        variable: 'seen',
        reason: 'new',
        message: 'became local to each agent, so no agent has a copy of it',
      },
    ]);
  });

  it("carries the leaderboard's local scores on the agents, and what derives from them, when only a label changes", () => {
    const relabelled = leaderboard({
      leaderboardLog: { label: 'Best three' },
      scores: { label: 'Scores here' },
    });
    expect(carriedVariables(leaderboard(), relabelled)).toEqual({
      carried: ['leaderboard'],
      reset: [],
      carriedLocal: ['scores'],
      resetLocal: [],
      effects: [],
    });
  });

  it('resets a local variable whose params changed on every agent, and what derives from it', () => {
    const wider = leaderboard({ scores: { type: 'orset' } });
    expect(carriedVariables(leaderboard(), wider)).toMatchObject({
      carried: [],
      reset: [
        {
          variable: 'leaderboard',
          reason: 'upstream-changed',
          from: 'scores',
          message: 'derived from changed node scores',
        },
      ],
      carriedLocal: [],
      resetLocal: [
        { variable: 'scores', reason: 'type-changed', message: 'type changed (was awset)' },
      ],
    });
    const counts = (value: string) =>
      checked(graph([variable('counts', 'gmap', { value: { name: value }, dynamic: true })], []));
    expect(carriedVariables(counts('gcounter'), counts('pncounter')).resetLocal).toEqual([
      {
        variable: 'counts',
        reason: 'params-changed',
        message: 'params changed (gmap<gcounter> → gmap<pncounter>)',
      },
    ]);
  });

  it("keeps the root's words however many hops away a variable is derived", () => {
    // localTop (a fold) is the first hop from scores, leaderboard the second.
    const replicatedScores = leaderboard({ scores: { params: {} } });
    expect(carriedVariables(replicatedScores, leaderboard()).reset).toEqual([
      {
        variable: 'leaderboard',
        reason: 'upstream-changed',
        from: 'scores',
        message: 'derived from scores, a dynamic variable no replica keeps',
      },
    ]);
    const newFold = leaderboard({
      localTop: { params: { aggregate: 'topk', k: 3, key: 'x.player', value: 'x.score * 2' } },
    });
    expect(carriedVariables(leaderboard(), newFold).reset).toEqual([
      {
        variable: 'leaderboard',
        reason: 'upstream-changed',
        from: 'localTop',
        message: 'derived from changed node localTop',
      },
    ]);
  });

  it("keeps a trigger's effects only while it acts on the same carried variables", () => {
    const oneTarget = adCounter({ edges: { fromRiot: undefined } });
    expect(carriedVariables(adCounter(), oneTarget).effects).toEqual([]);
    const riotReset = adCounter({ nodes: { riotAds: variable('riotAds', 'awset') } });
    expect(carriedVariables(adCounter(), riotReset).effects).toEqual([]);
    const watchedAnew = adCounter({
      nodes: { removeAd: removeAd({ mode: 'invariant' }, { placement: {} }) },
    });
    expect(carriedVariables(adCounter(), watchedAnew).effects).toEqual([]);
  });

  it('carries the effects of a webhook sink fed by a carried variable', () => {
    const hooked = (url: string) =>
      adCounter({
        nodes: {
          hook: node('hook', 'sink', 'webhook', { url }, { placement: { trustedOnly: true } }),
        },
        edges: { hook: edge('hook', 'adsWithContracts', 'hook') },
      });
    const same = hooked('https://example.com/a');
    expect(carriedVariables(same, same).effects).toEqual(['hook', 'removeAd']);
    expect(carriedVariables(same, hooked('https://example.com/b')).effects).toEqual(['removeAd']);
  });
});
