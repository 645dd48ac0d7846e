import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edge, graph, operator, problemsOf, variable } from './graph-fixtures.js';
import { validateGraph } from './validate-graph.js';

describe('validateGraph', () => {
  it('returns the document, typed, when it is valid', () => {
    const doc = graph([variable('a', 'orset', {}, { label: 'A' })], []);
    const result = validateGraph(doc);
    expect(result).toEqual({ ok: true, graph: doc });
  });

  it('fills in missing params with {}', () => {
    const { params: _params, ...bare } = variable('a', 'orset');
    const result = validateGraph(graph([bare], []));
    expect(result.ok && result.graph.nodes[0]?.params).toEqual({});
  });

  it('reports every problem of a graph with several at once', () => {
    const doc = graph(
      [
        variable('impressions', 'gcounter'),
        variable('impressions', 'orset'),
        operator('ads', 'union'),
        operator('keep', 'filter', { predicate: 'true', extra: 1 }),
        operator('bogus', 'zip'),
      ],
      [
        edge('e1', 'impressions', 'ads', 'left'),
        edge('e2', 'nowhere', 'keep'),
        edge('e3', 'keep', 'keep', 'in', 'nope'),
      ],
    );
    const got = problemsOf(doc).map((p) => [p.code, p.nodeId ?? p.edgeId]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['duplicate-id', 'impressions'],
        ['unknown-type', 'bogus'],
        ['invalid-param', 'keep'],
        ['dangling-edge', 'e2'],
        ['unknown-handle', 'e3'],
        ['unconnected-input', 'ads'],
        ['type-mismatch', 'e1'],
      ]),
    );
    expect(got).toHaveLength(7);
  });

  it('names both ends and the expected type in a mismatch', () => {
    const doc = graph(
      [variable('impressions', 'gcounter'), variable('b', 'orset'), operator('ads', 'union')],
      [edge('e3', 'impressions', 'ads', 'left'), edge('e4', 'b', 'ads', 'right')],
    );
    expect(problemsOf(doc).map((p) => p.message)).toEqual([
      'edge e3: node `impressions` (gcounter) cannot connect to `ads.left` (union), which takes a set (orset or awset)',
    ]);
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        expect(validateGraph(input).ok).toBe(false);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('never throws on documents that are nearly graphs', () => {
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const nearNode = fc.record(
      {
        id: fc.oneof(fc.constantFrom('a', 'b', 'c'), anyJson),
        kind: fc.oneof(
          fc.constantFrom('variable', 'operator', 'trigger', 'source', 'sink'),
          anyJson,
        ),
        type: fc.oneof(
          fc.constantFrom('orset', 'gmap', 'union', 'fold', 'threshold', 'client', 'log'),
          anyJson,
        ),
        params: fc.oneof(
          fc.dictionary(fc.constantFrom('k', 'value', 'fn', 'aggregate', 'dynamic'), anyJson),
          anyJson,
        ),
        position: fc.oneof(fc.constant({ x: 0, y: 0 }), anyJson),
        placement: anyJson,
      },
      { requiredKeys: [] },
    );
    const nearEdge = fc.record(
      {
        id: fc.oneof(fc.constantFrom('e1', 'e2'), anyJson),
        source: fc.oneof(fc.constantFrom('a', 'b', 'c'), anyJson),
        sourceHandle: fc.oneof(fc.constantFrom('out', 'action', 'in'), anyJson),
        target: fc.oneof(fc.constantFrom('a', 'b', 'c'), anyJson),
        targetHandle: fc.oneof(fc.constantFrom('in', 'left', 'right'), anyJson),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.array(nearNode, { maxLength: 6 }),
        fc.array(nearEdge, { maxLength: 6 }),
        (nodes, edges) => {
          const result = validateGraph(graph(nodes, edges));
          if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
        },
      ),
      { seed: 7, numRuns: 1000 },
    );
  });
});
