import { describe, expect, it } from 'vitest';
import { edge, graph, node, operator, variable } from '../graph/graph-fixtures.js';
import type { GraphDocument } from '../graph/graph-document.js';
import { validateGraph } from '../graph/validate-graph.js';
import type { PlacementAgent } from './placement-types.js';
import { placeGraph } from './simple-placement.js';

const client1: PlacementAgent = { name: 'client-1', labels: { role: 'client' }, trusted: false };
const client2: PlacementAgent = { name: 'client-2', labels: { role: 'client' }, trusted: false };
const server: PlacementAgent = { name: 'server-1', labels: { role: 'server' }, trusted: true };
const agents = [client1, client2, server];

function valid(doc: unknown): GraphDocument {
  const result = validateGraph(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.graph;
}

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

describe('simple placement', () => {
  it('puts an `each` node on every matching agent and a side effect on a trusted one', () => {
    const result = placeGraph(adGraph(), agents);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.placement.nodes.clients).toEqual(['client-1', 'client-2']);
    expect(result.placement.nodes.retire).toEqual(['server-1']);
    // Writers and readers hold replicas: clients count views, the server reads them and removes ads.
    expect(result.placement.variables.views).toEqual(['client-1', 'client-2', 'server-1']);
    expect(result.placement.variables.ads).toContain('server-1');
    expect(result.placement.explanations.retire).toContain('server-1');
  });

  it('is deterministic whatever order the agents come in', () => {
    const a = placeGraph(adGraph(), agents);
    const b = placeGraph(adGraph(), [server, client2, client1]);
    expect(b).toEqual(a);
  });

  it('names the node and the constraint it cannot satisfy, instead of falling back', () => {
    const noTrusted = placeGraph(adGraph(), [client1, client2]);
    expect(noTrusted).toEqual({
      ok: false,
      problems: [expect.objectContaining({ nodeId: 'retire', constraint: 'trusted' })],
    });
    const pinned = placeGraph(adGraph({ trustedOnly: true, pin: 'server-9' }), agents);
    expect(pinned.ok ? [] : pinned.problems.map((p) => [p.nodeId, p.constraint])).toEqual([
      ['retire', 'pin'],
    ]);
    const noClients = placeGraph(adGraph(), [server]);
    expect(noClients.ok ? [] : noClients.problems.map((p) => [p.nodeId, p.constraint])).toEqual([
      ['clients', 'selector'],
    ]);
    const twice = placeGraph(adGraph({ trustedOnly: true, replicas: 2 }), agents);
    expect(twice.ok ? [] : twice.problems.map((p) => [p.nodeId, p.constraint])).toEqual([
      ['retire', 'replicas'],
    ]);
  });

  it('spreads unconstrained operators and keeps one next to an input it holds', () => {
    const doc = valid(
      graph(
        [
          variable('a', 'orset', {}, { placement: { pin: 'client-2' } }),
          variable('b', 'orset'),
          operator('fromA', 'map', { fn: 'x' }),
          operator('fromB', 'map', { fn: 'x' }),
          operator('fromB2', 'map', { fn: 'x' }),
        ],
        [edge('e1', 'a', 'fromA'), edge('e2', 'b', 'fromB'), edge('e3', 'b', 'fromB2')],
      ),
    );
    const result = placeGraph(doc, agents);
    if (!result.ok) throw new Error('unplaceable');
    expect(result.placement.nodes.fromA).toEqual(['client-2']);
    expect(
      new Set([...(result.placement.nodes.fromB ?? []), ...(result.placement.nodes.fromB2 ?? [])])
        .size,
    ).toBe(2);
  });

  it('placed again after an agent leaves, moves only what that agent ran', () => {
    const doc = valid(
      graph(
        [
          variable('a', 'orset'),
          operator('m1', 'map', { fn: 'x' }),
          operator('m2', 'map', { fn: 'x' }),
          operator('m3', 'map', { fn: 'x' }),
        ],
        [edge('e1', 'a', 'm1'), edge('e2', 'a', 'm2'), edge('e3', 'a', 'm3')],
      ),
    );
    const before = placeGraph(doc, agents);
    if (!before.ok) throw new Error('unplaceable');
    const gone = before.placement.nodes.m2?.[0] as string;
    const after = placeGraph(
      doc,
      agents.filter((a) => a.name !== gone),
      before.placement,
    );
    if (!after.ok) throw new Error('unplaceable');
    for (const id of ['m1', 'm2', 'm3']) {
      const was = before.placement.nodes[id] ?? [];
      if (was.includes(gone)) expect(after.placement.nodes[id]).not.toContain(gone);
      else expect(after.placement.nodes[id]).toEqual(was);
    }
    // A new client joins an `each` node without moving anything else.
    const client3: PlacementAgent = {
      name: 'client-3',
      labels: { role: 'client' },
      trusted: false,
    };
    const first = placeGraph(adGraph(), agents);
    if (!first.ok) throw new Error('unplaceable');
    const grown = placeGraph(adGraph(), [...agents, client3], first.placement);
    if (!grown.ok) throw new Error('unplaceable');
    expect(grown.placement.nodes.clients).toEqual(['client-1', 'client-2', 'client-3']);
    expect(grown.placement.nodes.retire).toEqual(['server-1']);
  });
});
