import { describe, expect, it } from 'vitest';
import { graphDocumentSchema } from '../graph/graph-document.js';
import { edge, graph, operator, variable } from '../graph/graph-fixtures.js';
import { latticeVariables } from './deployment-share.js';

const clients = { placement: { selector: { role: 'client' }, each: true } };

describe('latticeVariables', () => {
  it('splits variables that replicate through the hub from those local to each replica', () => {
    const leaderboard = graphDocumentSchema.parse(
      graph(
        [
          variable('scores', 'awset', { dynamic: true }, clients),
          operator(
            'localTop',
            'fold',
            { aggregate: 'topk', k: 3, key: 'x.p', value: 'x.s' },
            clients,
          ),
          variable('top', 'topk', { k: 3 }),
          variable('seen', 'gcounter'),
        ],
        [edge('e1', 'scores', 'localTop'), edge('e2', 'localTop', 'top')],
      ),
    );
    const { replicated, local } = latticeVariables(leaderboard);
    expect([...replicated.keys()].sort()).toEqual(['seen', 'top']);
    expect(replicated.get('top')?.name).toBe('topk');
    // The fold's result is a local value, not a lattice variable.
    expect([...local.keys()]).toEqual(['scores']);
    expect(local.get('scores')?.name).toBe('awset');
  });
});
