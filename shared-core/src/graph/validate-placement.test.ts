import { describe, expect, it } from 'vitest';
import { edge, expectOnly, expectValid, graph, operator, variable } from './graph-fixtures.js';

const clients = { selector: { role: 'client' }, each: true };
const scores = (placement: Record<string, unknown> = clients) =>
  variable('scores', 'awset', { dynamic: true }, { placement });
const count = (placement?: Record<string, unknown>) =>
  operator('count', 'fold', { aggregate: 'count' }, placement ? { placement } : {});

describe('dynamic variables', () => {
  it('may be read on every agent that holds them', () => {
    expectValid(graph([scores(), count(clients)], [edge('e1', 'scores', 'count')]));
  });

  it('may not be read where they do not live', () => {
    const doc = graph([scores(), count()], [edge('e1', 'scores', 'count')]);
    const problem = expectOnly(doc, { code: 'dynamic-consumer', nodeId: 'scores', edgeId: 'e1' });
    expect(problem.message).toBe(
      'node `scores`: a dynamic variable is never replicated, so `count` can only read it on the same agent: ' +
        'give `count` placement each: true with the same selector {"role":"client"}, or aggregate it with fold_dynamic',
    );
    const elsewhere = graph(
      [scores(), count({ selector: { role: 'server' }, each: true })],
      [edge('e1', 'scores', 'count')],
    );
    expectOnly(elsewhere, { code: 'dynamic-consumer', nodeId: 'scores', edgeId: 'e1' });
  });

  it('may be read next to a pinned replica', () => {
    const pinned = { pin: 'agent-1' };
    expectValid(graph([scores(pinned), count(pinned)], [edge('e1', 'scores', 'count')]));
    const doc = graph([scores(pinned), count({ pin: 'agent-2' })], [edge('e1', 'scores', 'count')]);
    expectOnly(doc, { code: 'dynamic-consumer', nodeId: 'scores', edgeId: 'e1' });
  });

  it('are aggregated across replicas by fold_dynamic, which takes nothing else', () => {
    const hits = (params: Record<string, unknown>) =>
      graph(
        [
          variable('hits', 'gcounter', params, { placement: clients }),
          operator('total', 'fold_dynamic', { aggregate: 'sum' }),
        ],
        [edge('e1', 'hits', 'total')],
      );
    expectValid(hits({ dynamic: true }));
    expect(expectOnly(hits({}), { code: 'type-mismatch', edgeId: 'e1' }).message).toBe(
      'edge e1: node `hits` (gcounter) cannot connect to `total.in` (fold_dynamic), which takes the state of a dynamic variable',
    );
  });

  it('may take actions from anywhere', () => {
    const doc = graph(
      [
        scores(),
        { id: 'players', kind: 'source', type: 'client', params: {}, position: { x: 0, y: 0 } },
      ],
      [edge('e1', 'players', 'scores', 'in', 'action')],
    );
    expectValid(doc);
  });
});
