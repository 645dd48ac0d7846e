import { describe, expect, it } from 'vitest';
import type { RuntimeIssue } from '../dataflow/runtime-errors.js';
import { Runtime } from '../dataflow/runtime.js';
import { edge, graph, node, variable } from '../graph/graph-fixtures.js';
import { validateGraph } from '../graph/validate-graph.js';
import { installGraph } from './graph-program.js';

/** The ad counter's removal: an ad goes once its impressions reach 2. */
function adRemoval() {
  const checked = validateGraph(
    graph(
      [
        variable('ads', 'orset'),
        variable('impressions', 'gmap', { value: { name: 'gcounter' } }),
        node('removeAd', 'trigger', 'threshold', {
          threshold: { kind: 'value', n: 2 },
          mode: 'invariant',
          perKey: true,
          action: { op: 'remove', where: 'x.id == key' },
        }),
      ],
      [edge('e1', 'impressions', 'removeAd'), edge('e2', 'removeAd', 'ads', 'in', 'action')],
    ),
  );
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join('; '));
  const issues: RuntimeIssue[] = [];
  const runtime = new Runtime({ replica: 'r1', onIssue: (issue) => issues.push(issue) });
  installGraph(runtime, checked.graph);
  const impress = (key: string) =>
    runtime.update('impressions', { op: 'apply', key, inner: { op: 'increment' } });
  return { runtime, issues, impress };
}

describe('a trigger action with a where predicate', () => {
  it('removes what the predicate selects, though another element cannot be judged', () => {
    const { runtime, issues, impress } = adRemoval();
    runtime.update('ads', { op: 'add', value: 'not an ad' });
    runtime.update('ads', { op: 'add', value: { id: 'a1' } });
    runtime.update('ads', { op: 'add', value: { id: 'a2' } });
    impress('a1');
    impress('a1');
    expect(runtime.query('ads')).toEqual(expect.arrayContaining(['not an ad', { id: 'a2' }]));
    expect(runtime.query('ads')).toHaveLength(2);
    expect(issues[0]).toMatchObject({ where: 'removeAd' });
    expect(issues[0]?.message).toMatch(/id/);
  });
});
