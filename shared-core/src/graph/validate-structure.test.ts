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

// A valid graph each test breaks in one place: orset `a` → filter `keep` → log `out`.
const nodes = () => [
  variable('a', 'orset'),
  operator('keep', 'filter', { predicate: 'true' }),
  node('out', 'sink', 'log'),
];
const edges = () => [edge('e1', 'a', 'keep'), edge('e2', 'keep', 'out')];

describe('structure and schema problems', () => {
  it('accepts the unbroken graph', () => {
    expectValid(graph(nodes(), edges()));
  });

  it('blames a malformed field on its node', () => {
    const broken = nodes();
    broken[0] = variable('a', 'orset', {}, { position: { x: 'left', y: 0 } });
    const problem = expectOnly(graph(broken, edges()), { code: 'schema', nodeId: 'a' });
    expect(problem.path).toEqual(['nodes', 0, 'position', 'x']);
    expect(problem.message).toBe('node `a`: `position.x` must be a number, not "left"');
  });

  it('blames a malformed edge on the edge, without calling its target unconnected', () => {
    const broken = edges();
    delete broken[1]?.targetHandle;
    const problem = expectOnly(graph(nodes(), broken), { code: 'schema', edgeId: 'e2' });
    expect(problem.message).toBe('edge e2: `targetHandle` is missing');
  });

  it('reports a misspelt field of a node, of its placement and of an edge, not dropping it', () => {
    const node = nodes();
    node[0] = variable('a', 'orset', {}, { placment: { pin: 'server-1' } });
    expect(expectOnly(graph(node, edges()), { code: 'schema', nodeId: 'a' }).message).toBe(
      'node `a`: unknown field `placment`',
    );
    const placement = nodes();
    placement[0] = variable('a', 'orset', {}, { placement: { trustedonly: true } });
    expect(expectOnly(graph(placement, edges()), { code: 'schema', nodeId: 'a' }).message).toBe(
      'node `a`: unknown field `trustedonly` in `placement`',
    );
    const edge1 = [{ ...edge('e1', 'a', 'keep'), sourcehandle: 'out' }, edge('e2', 'keep', 'out')];
    expect(expectOnly(graph(nodes(), edge1), { code: 'schema', edgeId: 'e1' }).message).toBe(
      'edge e1: unknown field `sourcehandle`',
    );
  });

  it('reports a pin that no agent could be named (blank, or with a space)', () => {
    for (const pin of [' ', 'server 1', '']) {
      const node = nodes();
      node[0] = variable('a', 'orset', {}, { placement: { pin } });
      const problem = expectOnly(graph(node, edges()), { code: 'schema', nodeId: 'a' });
      expect(problem.message).toContain('`placement.pin`');
      expect(problem.message).toContain('an agent name is 1-64 letters, digits, _ . -');
    }
  });

  it('reports a bad node id', () => {
    const broken = nodes();
    broken[2] = node('out', 'sink', 'log', {}, { id: 'out put' });
    const doc = graph(broken, [edge('e1', 'a', 'keep'), edge('e2', 'keep', 'out put')]);
    const problem = expectOnly(doc, { code: 'schema', nodeId: 'out put' });
    expect(problem.path).toEqual(['nodes', 2, 'id']);
  });

  it('reports a document-level field without a node', () => {
    const doc = { ...graph(nodes(), edges()), name: '' };
    expect(expectOnly(doc, { code: 'schema' }).path).toEqual(['name']);
  });

  it('reports a duplicate node id on the second node', () => {
    const doc = graph([...nodes(), variable('a', 'gset')], edges());
    const problem = expectOnly(doc, { code: 'duplicate-id', nodeId: 'a' });
    expect(problem.path).toEqual(['nodes', 3, 'id']);
    expect(problem.message).toBe(
      'node `a`: the id is already used by nodes[0]; node ids must be unique',
    );
  });

  it('reports a duplicate edge id', () => {
    const doc = graph([...nodes(), variable('b', 'orset')], [...edges(), edge('e1', 'a', 'b')]);
    expect(expectOnly(doc, { code: 'duplicate-id', edgeId: 'e1' }).path).toEqual([
      'edges',
      2,
      'id',
    ]);
  });

  it('reports an edge to a node that does not exist', () => {
    const doc = graph(nodes(), [...edges(), edge('e3', 'ghost', 'a')]);
    const problem = expectOnly(doc, { code: 'dangling-edge', edgeId: 'e3' });
    expect(problem.message).toBe('edge e3: its source `ghost` is not a node of this graph');
  });

  it('reports an unknown kind', () => {
    const doc = graph([...nodes(), node('w', 'widget', 'x')], edges());
    const problem = expectOnly(doc, { code: 'unknown-kind', nodeId: 'w' });
    expect(problem.message).toMatch(/`kind` must be one of "variable", .*, not "widget"/);
  });

  it('reports an unknown type and lists the types of that kind', () => {
    const doc = graph([...nodes(), operator('z', 'zip')], edges());
    const problem = expectOnly(doc, { code: 'unknown-type', nodeId: 'z' });
    expect(problem.message).toBe(
      'node `z`: unknown operator type `zip`; the operator types are map, filter, union, intersection, product, fold, fold_dynamic',
    );
  });

  it('does not report edges of an unknown node a second time', () => {
    const broken = nodes();
    broken[1] = operator('keep', 'zip');
    expectOnly(graph(broken, edges()), { code: 'unknown-type', nodeId: 'keep' });
  });

  it('reports an unknown handle, naming the handles there are', () => {
    const doc = graph(nodes(), [edge('e1', 'a', 'keep', 'input'), edge('e2', 'keep', 'out')]);
    const problem = expectOnly(doc, { code: 'unknown-handle', edgeId: 'e1' });
    expect(problem.message).toBe(
      'edge e1: node `keep` (filter) has no input `input`; its only input is `in`',
    );
    const reversed = graph(nodes(), [...edges(), edge('e3', 'keep', 'a', 'in', 'in')]);
    expect(expectOnly(reversed, { code: 'unknown-handle', edgeId: 'e3' }).message).toBe(
      'edge e3: node `keep` (filter) has no output `in`; its only output is `out`',
    );
  });
});

describe('parameter problems', () => {
  it('reports a missing parameter', () => {
    const broken = nodes();
    broken[1] = operator('keep', 'filter', {});
    const problem = expectOnly(graph(broken, edges()), { code: 'invalid-param', nodeId: 'keep' });
    expect(problem.path).toEqual(['nodes', 1, 'params', 'predicate']);
    expect(problem.message).toBe('node `keep`: filter: `params.predicate` is missing');
  });

  it('reports an unknown parameter', () => {
    const broken = nodes();
    broken[1] = operator('keep', 'filter', { predicate: 'true', predicat: 'false' });
    const problem = expectOnly(graph(broken, edges()), { code: 'invalid-param', nodeId: 'keep' });
    expect(problem.message).toBe('node `keep`: filter: unknown field `predicat` in `params`');
  });

  it('reports type parameters a variable type needs', () => {
    const topk = graph([variable('t', 'topk', { k: 0 })], []);
    expect(expectOnly(topk, { code: 'invalid-param', nodeId: 't' }).message).toBe(
      'node `t`: topk: `params.k` must be ≥ 1, not 0',
    );
    expectOnly(graph([variable('m', 'gmap')], []), { code: 'invalid-param', nodeId: 'm' });
    const awmap = graph([variable('m', 'awmap', { value: { name: 'gcounter' } })], []);
    expect(expectOnly(awmap, { code: 'invalid-param', nodeId: 'm' }).message).toMatch(
      /awmap's values must be of a causal type .*, not gcounter/,
    );
  });

  it('requires k for a topk fold and refuses it otherwise', () => {
    const fold = (params: Record<string, unknown>) =>
      graph([variable('a', 'orset'), operator('f', 'fold', params)], [edge('e1', 'a', 'f')]);
    expectValid(fold({ aggregate: 'topk', k: 3 }));
    expect(
      expectOnly(fold({ aggregate: 'topk' }), { code: 'invalid-param', nodeId: 'f' }).path,
    ).toEqual(['nodes', 1, 'params', 'k']);
    expectOnly(fold({ aggregate: 'sum', k: 3 }), { code: 'invalid-param', nodeId: 'f' });
  });

  it('requires an http(s) URL for a webhook', () => {
    const doc = graph(
      [
        variable('a', 'orset'),
        node('w', 'sink', 'webhook', { url: 'ftp://x' }, { placement: { trustedOnly: true } }),
      ],
      [edge('e1', 'a', 'w')],
    );
    expect(expectOnly(doc, { code: 'invalid-param', nodeId: 'w' }).message).toBe(
      'node `w`: webhook: `params.url` must be an http or https URL',
    );
  });
});
