import { describe, expect, it } from 'vitest';
import {
  edge,
  expectOnly,
  expectValid,
  graph,
  node,
  operator,
  problemsOf,
  variable,
} from './graph-fixtures.js';

describe('cycles', () => {
  it('reports a cycle over state edges and names its nodes in order', () => {
    const doc = graph(
      [variable('a', 'orset'), operator('both', 'union'), operator('twice', 'map', { fn: 'x' })],
      [
        edge('e1', 'a', 'both', 'left'),
        edge('e2', 'both', 'twice'),
        edge('e3', 'twice', 'both', 'right'),
      ],
    );
    const problem = expectOnly(doc, { code: 'cycle', nodeId: 'both' });
    expect(problem.nodeIds).toEqual(['both', 'twice']);
    expect(problem.message).toBe(
      'state edges form a cycle: `both` → `twice` → `both`; only actions (from triggers and sources) may feed back',
    );
  });

  it('reports a variable bound into itself', () => {
    const doc = graph([variable('a', 'orset')], [edge('e1', 'a', 'a')]);
    expect(expectOnly(doc, { code: 'cycle', nodeId: 'a' }).nodeIds).toEqual(['a']);
  });

  it('reports each cycle once and lists every node of tangled cycles', () => {
    const doc = graph(
      [
        variable('a', 'orset'),
        variable('b', 'orset'),
        variable('c', 'orset'),
        variable('d', 'orset'),
        variable('e', 'orset'),
      ],
      [
        edge('ab', 'a', 'b'),
        edge('ba', 'b', 'a'),
        edge('bc', 'b', 'c'),
        edge('ca', 'c', 'a'),
        edge('de', 'd', 'e'),
        edge('ed', 'e', 'd'),
      ],
    );
    const problems = problemsOf(doc);
    expect(problems.map((p) => [p.code, p.nodeIds])).toEqual([
      ['cycle', ['a', 'b', 'c']],
      ['cycle', ['d', 'e']],
    ]);
    expect(problems[0]?.message).toContain('`a` → `b` → `a` (nodes on cycles: `a`, `b`, `c`)');
  });

  it('lets a trigger act on the variable it watches', () => {
    const doc = graph(
      [
        variable('ads', 'orset'),
        node('cap', 'trigger', 'threshold', {
          threshold: { kind: 'cardinality', n: 10 },
          mode: 'invariant',
          action: { op: 'remove', where: 'true' },
        }),
      ],
      [edge('e1', 'ads', 'cap'), edge('e2', 'cap', 'ads', 'in', 'action')],
    );
    expectValid(doc);
  });
});
