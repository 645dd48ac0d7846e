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

const filtered = (predicate: string) =>
  graph(
    [variable('a', 'orset'), operator('keep', 'filter', { predicate })],
    [edge('e1', 'a', 'keep')],
  );

describe('expressions', () => {
  it('compiles the expressions of every node', () => {
    expectValid(filtered('x.id == "rovio-1"'));
  });

  it('reports a bad expression with its position inside the expression', () => {
    const problem = expectOnly(filtered('x.id =='), { code: 'bad-expression', nodeId: 'keep' });
    expect(problem.path).toEqual(['nodes', 1, 'params', 'predicate']);
    expect(problem.message).toMatch(/^node `keep`: `params.predicate` \(filter\): ./);
    expect(problem.position?.line).toBe(1);
    expect(problem.position?.offset).toBeGreaterThanOrEqual(0);
    expect(problem.position?.offset).toBeLessThanOrEqual('x.id =='.length);
  });

  it('reports nested expressions (a trigger action) at their path', () => {
    const doc = graph(
      [
        variable('hits', 'gcounter'),
        node('fire', 'trigger', 'threshold', {
          threshold: { kind: 'value', n: 1 },
          mode: 'invariant',
          action: { op: 'remove', where: 'x.id ==' },
        }),
        variable('ads', 'orset'),
      ],
      [edge('e1', 'hits', 'fire'), edge('e2', 'fire', 'ads', 'in', 'action')],
    );
    const problem = expectOnly(doc, { code: 'bad-expression', nodeId: 'fire' });
    expect(problem.path).toEqual(['nodes', 1, 'params', 'action', 'where']);
  });

  it('refuses an expression over 4 KiB without compiling it', () => {
    const long = 'x.id == "' + 'a'.repeat(4096) + '"';
    const problem = expectOnly(filtered(long), { code: 'too-large', nodeId: 'keep' });
    expect(problem.message).toBe(
      `node \`keep\`: \`params.predicate\` is ${long.length} bytes long; an expression may be at most 4096`,
    );
  });
});
