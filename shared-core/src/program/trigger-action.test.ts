import { describe, expect, it } from 'vitest';
import type { RuntimeIssue } from '../dataflow/runtime-errors.js';
import { Runtime } from '../dataflow/runtime.js';
import { edge, graph, node, variable } from '../graph/graph-fixtures.js';
import { validateGraph } from '../graph/validate-graph.js';
import { installGraph } from './graph-program.js';

/** The ad counter's removal: an ad goes once its impressions reach `n`. */
function removalGraph(mode: 'invariant' | 'enforce_once', n: number) {
  const checked = validateGraph(
    graph(
      [
        variable('ads', 'orset'),
        variable('impressions', 'gmap', { value: { name: 'gcounter' } }),
        node(
          'removeAd',
          'trigger',
          'threshold',
          {
            threshold: { kind: 'value', n },
            mode,
            perKey: true,
            action: { op: 'remove', where: 'x.id == key' },
          },
          mode === 'enforce_once' ? { placement: { trustedOnly: true } } : {},
        ),
      ],
      [edge('e1', 'impressions', 'removeAd'), edge('e2', 'removeAd', 'ads', 'in', 'action')],
    ),
  );
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join('; '));
  return checked.graph;
}

function adRemoval() {
  const issues: RuntimeIssue[] = [];
  const runtime = new Runtime({ replica: 'r1', onIssue: (issue) => issues.push(issue) });
  installGraph(runtime, removalGraph('invariant', 2));
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
    expect(issues).toEqual([
      {
        where: 'removeAd',
        message: expect.stringMatching(
          /^remove skipped an element of ads it could not judge: .*id/,
        ),
        element: 'not an ad',
      },
    ]);
  });

  it('fails, so that an effect gate does not record it as performed, and counts what it skipped', () => {
    const outcomes: string[] = [];
    const runtime = new Runtime({ replica: 'r1' });
    installGraph(runtime, removalGraph('enforce_once', 1), {
      effects: (effect, perform) => {
        try {
          void perform();
          outcomes.push(`${effect.key}: performed`);
        } catch (error) {
          outcomes.push(`${effect.key}: ${(error as Error).message}`);
        }
      },
    });
    runtime.update('ads', { op: 'addAll', values: ['plain', 7, { id: 'a1' }] });
    runtime.update('impressions', { op: 'apply', key: 'a1', inner: { op: 'increment' } });
    expect(runtime.query('ads')).toEqual(expect.arrayContaining(['plain', 7]));
    expect(runtime.query('ads')).toHaveLength(2);
    expect(outcomes).toEqual([
      expect.stringMatching(/^a1: remove skipped 2 elements of ads it could not judge/),
    ]);
  });

  it('performs cleanly when every element can be judged', () => {
    const { runtime, issues, impress } = adRemoval();
    runtime.update('ads', { op: 'add', value: { id: 'a1' } });
    impress('a1');
    impress('a1');
    expect(runtime.query('ads')).toEqual([]);
    expect(issues).toEqual([]);
  });
});
