import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edge, graph, node, operator, problemsOf, variable } from './graph-fixtures.js';
import { isDraftProblem } from './graph-problem.js';
import { NODE_CATALOG } from './node-catalog.js';
import { validateGraph, validateGraphDraft } from './validate-graph.js';

const anyJson = fc.jsonValue({ maxDepth: 3 });
const nearNode = fc.record(
  {
    id: fc.oneof(fc.constantFrom('a', 'b', 'c'), anyJson),
    kind: fc.oneof(fc.constantFrom('variable', 'operator', 'trigger', 'source', 'sink'), anyJson),
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

const nearGraph = fc
  .tuple(fc.array(nearNode, { maxLength: 6 }), fc.array(nearEdge, { maxLength: 6 }))
  .map(([nodes, edges]) => graph(nodes, edges));

/** Graphs of catalog nodes with unique ids, wired at random: complete, drafts, or worse. */
const catalogGraph = fc
  .uniqueArray(
    fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      spec: fc.constantFrom(...NODE_CATALOG),
      params: fc.option(fc.dictionary(fc.constantFrom('n', 'predicate', 'k'), anyJson), {
        nil: undefined,
      }),
    }),
    { selector: (n) => n.id, maxLength: 5 },
  )
  .chain((nodes) => {
    const ids = nodes.map((n) => n.id);
    const end = ids.length > 0 ? fc.constantFrom(...ids, 'z') : fc.constant('z');
    const handle = fc.constantFrom('in', 'out', 'left', 'right', 'action', 'set');
    const edges = fc.uniqueArray(
      fc.record({ source: end, sourceHandle: handle, target: end, targetHandle: handle }),
      {
        selector: (e) => `${e.source}.${e.sourceHandle}-${e.target}.${e.targetHandle}`,
        maxLength: 6,
      },
    );
    return edges.map((es) =>
      graph(
        nodes.map((n) => node(n.id, n.spec.kind, n.spec.type, n.params ?? n.spec.defaultParams)),
        es.map((e, i) => edge(`e${i}`, e.source, e.target, e.targetHandle, e.sourceHandle)),
      ),
    );
  });

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

describe('validateGraphDraft', () => {
  it('reads a graph that is not ready to deploy, with what is left to fix', () => {
    const doc = graph(
      [
        variable('a', 'orset'),
        operator('keep', 'filter', { predicate: 'x.size() >' }),
        operator('both', 'union'),
      ],
      [edge('e1', 'a', 'keep')],
    );
    const draft = validateGraphDraft(doc);
    expect(draft.ok && draft.graph).toEqual(doc);
    expect(draft.problems.map((p) => [p.code, p.nodeId])).toEqual(
      expect.arrayContaining([
        ['bad-expression', 'keep'],
        ['unconnected-input', 'both'],
      ]),
    );
    expect(validateGraph(doc)).toEqual({ ok: false, problems: draft.problems });
  });

  it('refuses a document that cannot be shown as a graph', () => {
    const doc = graph([variable('a', 'orset'), operator('z', 'zip')], [edge('e1', 'a', 'b')]);
    const draft = validateGraphDraft(doc);
    expect(draft.ok).toBe(false);
    expect(draft.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['unknown-type', 'dangling-edge']),
    );
  });

  it('agrees with validateGraph, and reads a draft only when every problem is a draft problem', () => {
    const outcomes = { clean: 0, draft: 0, refused: 0 };
    fc.assert(
      fc.property(fc.oneof(catalogGraph, nearGraph), (doc) => {
        const draft = validateGraphDraft(doc);
        const strict = validateGraph(doc);
        expect(strict.ok).toBe(draft.ok && draft.problems.length === 0);
        expect(draft.problems).toEqual(strict.ok ? [] : strict.problems);
        if (draft.ok) expect(draft.problems.every(isDraftProblem)).toBe(true);
        else expect(draft.problems.some((p) => !isDraftProblem(p))).toBe(true);
        outcomes[!draft.ok ? 'refused' : draft.problems.length > 0 ? 'draft' : 'clean']++;
      }),
      { seed: 11, numRuns: 1000 },
    );
    // The property means little unless the runs reach every outcome.
    expect(Math.min(outcomes.clean, outcomes.draft, outcomes.refused)).toBeGreaterThan(20);
  });
});
