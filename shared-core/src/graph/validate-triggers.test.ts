import { describe, expect, it } from 'vitest';
import { edge, expectOnly, expectValid, graph, node, variable } from './graph-fixtures.js';

const trusted = { placement: { trustedOnly: true } };
const trigger = (params: Record<string, unknown>, extra: Record<string, unknown> = trusted) =>
  node('fire', 'trigger', 'threshold', { mode: 'invariant', ...params }, extra);

/** `watched` → trigger `fire` → action into `target`. */
const wired = (
  watched: Record<string, unknown>,
  params: Record<string, unknown>,
  target = variable('flag', 'boolean'),
) =>
  graph(
    [watched, trigger(params), target],
    [
      edge('in', String(watched.id), 'fire'),
      edge('act', 'fire', String(target.id), 'in', 'action'),
    ],
  );

describe('threshold triggers', () => {
  it('watches a counter with a value threshold', () => {
    expectValid(
      wired(variable('hits', 'gcounter'), {
        threshold: { kind: 'value', n: 10 },
        action: { op: 'enable' },
      }),
    );
  });

  it('refuses a value threshold on a set', () => {
    const doc = wired(variable('ads', 'orset'), {
      threshold: { kind: 'value', n: 10 },
      action: { op: 'enable' },
    });
    const problem = expectOnly(doc, { code: 'type-mismatch', nodeId: 'fire', edgeId: 'in' });
    expect(problem.message).toBe(
      'node `fire`: a value threshold watches a counter (gcounter, pncounter or maxint), not orset (`ads`)',
    );
  });

  it('watches a set with a cardinality threshold, and a map of sets per key', () => {
    expectValid(
      wired(variable('ads', 'awset'), {
        threshold: { kind: 'cardinality', n: 3 },
        action: { op: 'enable' },
      }),
    );
    const perKey = {
      threshold: { kind: 'cardinality', n: 3 },
      perKey: true,
      action: { op: 'enable' },
    };
    expectValid(wired(variable('m', 'awmap', { value: { name: 'awset' } }), perKey));
    expectOnly(wired(variable('ads', 'awset'), perKey), {
      code: 'type-mismatch',
      nodeId: 'fire',
      edgeId: 'in',
    });
  });

  it('refuses a per-key value threshold on a map of sets', () => {
    const doc = wired(variable('m', 'gmap', { value: { name: 'gset' } }), {
      threshold: { kind: 'value', n: 3 },
      perKey: true,
      action: { op: 'enable' },
    });
    expect(expectOnly(doc, { code: 'type-mismatch', nodeId: 'fire', edgeId: 'in' }).message).toBe(
      'node `fire`: a per-key value threshold watches a gmap or awmap whose values are counters (gcounter, pncounter or maxint), not gmap<gset> (`m`)',
    );
  });

  it('checks the action op against every target type', () => {
    const doc = graph(
      [
        variable('hits', 'gcounter'),
        trigger({ threshold: { kind: 'value', n: 1 }, action: { op: 'remove' } }),
        variable('ads', 'orset'),
        variable('n', 'pncounter'),
      ],
      [
        edge('in', 'hits', 'fire'),
        edge('a1', 'fire', 'ads', 'in', 'action'),
        edge('a2', 'fire', 'n', 'in', 'action'),
      ],
    );
    const problem = expectOnly(doc, { code: 'invalid-param', nodeId: 'fire', edgeId: 'a2' });
    expect(problem.message).toBe(
      'node `fire`: action op `remove` is not an operation of `n` (pncounter), whose operations are increment, decrement',
    );
    expect(problem.path).toEqual(['nodes', 1, 'params', 'action', 'op']);
  });

  it('allows `where` only when the targets are sets', () => {
    const params = {
      threshold: { kind: 'value', n: 1 },
      action: { op: 'increment', where: 'true' },
    };
    const doc = wired(variable('hits', 'gcounter'), params, variable('n', 'gcounter'));
    expectOnly(doc, { code: 'invalid-param', nodeId: 'fire', edgeId: 'act' });
  });

  it('needs trustedOnly placement to enforce once', () => {
    const params = {
      threshold: { kind: 'value', n: 1 },
      mode: 'enforce_once',
      action: { op: 'enable' },
    };
    const doc = graph(
      [variable('hits', 'gcounter'), trigger(params, {}), variable('flag', 'boolean')],
      [edge('in', 'hits', 'fire'), edge('act', 'fire', 'flag', 'in', 'action')],
    );
    expect(expectOnly(doc, { code: 'trusted-only', nodeId: 'fire' }).path).toEqual([
      'nodes',
      1,
      'placement',
      'trustedOnly',
    ]);
    const invariant = graph(
      [
        variable('hits', 'gcounter'),
        trigger({ ...params, mode: 'invariant' }, {}),
        variable('flag', 'boolean'),
      ],
      [edge('in', 'hits', 'fire'), edge('act', 'fire', 'flag', 'in', 'action')],
    );
    expectValid(invariant);
  });

  it('needs a target for its action', () => {
    const doc = graph(
      [
        variable('hits', 'gcounter'),
        trigger({ threshold: { kind: 'value', n: 1 }, action: { op: 'enable' } }),
      ],
      [edge('in', 'hits', 'fire')],
    );
    expectOnly(doc, { code: 'unconnected-output', nodeId: 'fire' });
  });
});

describe('side effects', () => {
  it('needs trustedOnly placement for a webhook', () => {
    const doc = (extra: Record<string, unknown>) =>
      graph(
        [
          variable('a', 'orset'),
          node('hook', 'sink', 'webhook', { url: 'https://example.com/x' }, extra),
        ],
        [edge('e1', 'a', 'hook')],
      );
    expectOnly(doc({}), { code: 'trusted-only', nodeId: 'hook' });
    expectValid(doc(trusted));
  });
});
