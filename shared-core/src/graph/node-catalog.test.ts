import { describe, expect, it } from 'vitest';
import { TYPE_NAMES } from '../crdt/type-spec.js';
import { edge, graph, node, problemsOf } from './graph-fixtures.js';
import { NODE_CATALOG, findNodeType, nodeTypesOfKind } from './node-catalog.js';

describe('the node catalog', () => {
  it('has one variable type per CRDT type, and each (kind, type) once', () => {
    expect(nodeTypesOfKind('variable').map((s) => s.type)).toEqual([...TYPE_NAMES]);
    const keys = NODE_CATALOG.map((s) => `${s.kind}/${s.type}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(nodeTypesOfKind('operator').map((s) => s.type)).toEqual([
      'map',
      'filter',
      'union',
      'intersection',
      'product',
      'fold',
      'fold_dynamic',
    ]);
  });

  it('finds types by kind and type', () => {
    expect(findNodeType('operator', 'union')?.inputs.map((h) => h.id)).toEqual(['left', 'right']);
    expect(findNodeType('variable', 'union')).toBeUndefined();
  });

  it('gives every type default params that its schema accepts', () => {
    for (const spec of NODE_CATALOG) {
      expect(spec.params.safeParse(spec.defaultParams).success, `${spec.kind}/${spec.type}`).toBe(
        true,
      );
    }
  });

  it('lets a freshly dropped node of any type validate once its handles are wired', () => {
    for (const spec of NODE_CATALOG) {
      const placement = spec.sideEffects || spec.kind === 'trigger' ? { trustedOnly: true } : {};
      const nodes = [node('n', spec.kind, spec.type, { ...spec.defaultParams }, { placement })];
      const problems = problemsOf(graph(nodes, [])).filter(
        (p) => p.code !== 'unconnected-input' && p.code !== 'unconnected-output',
      );
      expect(problems, `${spec.kind}/${spec.type}`).toEqual([]);
    }
  });

  it('connects a variable to itself only through a type check', () => {
    const nodes = [node('a', 'variable', 'orset'), node('b', 'variable', 'orset')];
    expect(problemsOf(graph(nodes, [edge('e', 'a', 'b')]))).toEqual([]);
  });
});
