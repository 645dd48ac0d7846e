import { describe, expect, it } from 'vitest';
import {
  edge,
  expectOnly,
  expectValid,
  graph,
  node,
  operator,
  variable,
} from './graph-fixtures.js';

describe('handle types', () => {
  it('refuses a counter where a set goes', () => {
    const doc = graph(
      [variable('impressions', 'gcounter'), variable('b', 'orset'), operator('ads', 'union')],
      [edge('e3', 'impressions', 'ads', 'left'), edge('e4', 'b', 'ads', 'right')],
    );
    expect(expectOnly(doc, { code: 'type-mismatch', edgeId: 'e3' }).message).toBe(
      'edge e3: node `impressions` (gcounter) cannot connect to `ads.left` (union), which takes a set (orset or awset)',
    );
  });

  it('binds only a state of exactly the same type into a variable', () => {
    const bind = (from: Record<string, unknown>, into: Record<string, unknown>) =>
      graph([variable('a', 'topk', from), variable('b', 'topk', into)], [edge('e1', 'a', 'b')]);
    expectValid(bind({ k: 3 }, { k: 3 }));
    expect(
      expectOnly(bind({ k: 3 }, { k: 5 }), { code: 'type-mismatch', edgeId: 'e1' }).message,
    ).toBe(
      'edge e1: node `a` (topk(3)) cannot connect to `b.in`, which takes a state of topk(5) or actions',
    );
    const nested = graph(
      [
        variable('a', 'gmap', { value: { name: 'gcounter' } }),
        variable('b', 'gmap', { value: { name: 'pncounter' } }),
      ],
      [edge('e1', 'a', 'b')],
    );
    expectOnly(nested, { code: 'type-mismatch', edgeId: 'e1' });
  });

  it('feeds a fold value only to sinks', () => {
    const nodes = [variable('a', 'orset'), operator('total', 'fold', { aggregate: 'count' })];
    expectValid(
      graph(
        [...nodes, node('log', 'sink', 'log')],
        [edge('e1', 'a', 'total'), edge('e2', 'total', 'log')],
      ),
    );
    const doc = graph(
      [...nodes, variable('n', 'maxint')],
      [edge('e1', 'a', 'total'), edge('e2', 'total', 'n')],
    );
    expect(expectOnly(doc, { code: 'type-mismatch', edgeId: 'e2' }).message).toBe(
      'edge e2: node `total` (a number) cannot connect to `n.in`, which takes a state of maxint or actions',
    );
  });

  it('sends actions only to variables', () => {
    const doc = graph(
      [node('clients', 'source', 'client'), operator('keep', 'filter', { predicate: 'true' })],
      [edge('e1', 'clients', 'keep', 'in', 'action')],
    );
    expectOnly(doc, { code: 'type-mismatch', edgeId: 'e1' });
  });

  it('gives a topk fold a topk state that binds into a topk variable of the same k', () => {
    const doc = (k: number) =>
      graph(
        [
          variable('a', 'awset'),
          operator('top', 'fold', { aggregate: 'topk', k: 3 }),
          variable('best', 'topk', { k }),
        ],
        [edge('e1', 'a', 'top'), edge('e2', 'top', 'best')],
      );
    expectValid(doc(3));
    expectOnly(doc(4), { code: 'type-mismatch', edgeId: 'e2' });
  });

  it('does not guess at the ports of a node whose params are broken', () => {
    const doc = graph(
      [variable('a', 'topk', { k: 'three' }), variable('b', 'topk', { k: 5 })],
      [edge('e1', 'a', 'b')],
    );
    expectOnly(doc, { code: 'invalid-param', nodeId: 'a' });
  });
});

describe('edge counts', () => {
  it('reports a required input left unconnected', () => {
    const doc = graph(
      [variable('a', 'orset'), operator('both', 'intersection')],
      [edge('e1', 'a', 'both', 'left')],
    );
    expect(expectOnly(doc, { code: 'unconnected-input', nodeId: 'both' }).message).toBe(
      'node `both`: input `right` is not connected; intersection needs the right set',
    );
  });

  it('reports a source whose updates go nowhere', () => {
    const doc = graph([node('clients', 'source', 'client')], []);
    expectOnly(doc, { code: 'unconnected-output', nodeId: 'clients' });
  });

  it('reports a second edge into a single-input handle', () => {
    const doc = graph(
      [
        variable('a', 'orset'),
        variable('b', 'orset'),
        operator('keep', 'filter', { predicate: 'true' }),
      ],
      [edge('e1', 'a', 'keep'), edge('e2', 'b', 'keep')],
    );
    expect(expectOnly(doc, { code: 'too-many-edges', edgeId: 'e2' }).message).toBe(
      'edge e2: `keep.in` takes a single edge, and edge e1 already enters it',
    );
  });

  it('lets any number of edges into a variable', () => {
    const doc = graph(
      [
        variable('a', 'orset'),
        variable('b', 'orset'),
        variable('c', 'orset'),
        node('s', 'source', 'client'),
      ],
      [edge('e1', 'a', 'c'), edge('e2', 'b', 'c'), edge('e3', 's', 'c', 'in', 'action')],
    );
    expectValid(doc);
  });
});
