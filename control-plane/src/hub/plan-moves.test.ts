import type { PlacementPlan } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { planMoves } from './plan-moves.js';

const plan = (
  nodes: Record<string, string[]>,
  variables: Record<string, string[]> = {},
): PlacementPlan => ({
  nodes,
  variables,
  explanations: {},
  rates: {},
  traffic: 0,
});

describe('planMoves', () => {
  it('names each node whose agents changed, from where to where', () => {
    const before = plan({
      removeAd: ['server-1'],
      ads: ['client-2', 'server-1'],
      log: ['server-1'],
    });
    const after = plan({
      removeAd: ['server-2'],
      ads: ['server-1', 'client-1'],
      log: ['server-1'],
    });
    expect(planMoves(before, after)).toBe(
      'removeAd server-1 → server-2; ads client-2, server-1 → client-1, server-1',
    );
  });

  it('says when nothing moved, and names at most five moves', () => {
    expect(planMoves(plan({ a: ['x'] }), plan({ a: ['x'] }))).toBe('nothing moved');
    const nodes = (agent: string) =>
      Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`n${i}`, [agent]]));
    expect(planMoves(plan(nodes('x')), plan(nodes('y')))).toBe(
      'n0 x → y; n1 x → y; n2 x → y; n3 x → y; n4 x → y, and 2 more',
    );
  });

  it("names a variable whose holders changed, and a node's output only once", () => {
    const before = plan({ ads: ['server-1'] }, { ads: ['server-1'], clicks: ['a', 'b'] });
    const after = plan({ ads: ['server-2'] }, { ads: ['server-2'], clicks: ['b'] });
    expect(planMoves(before, after)).toBe('ads server-1 → server-2; clicks a, b → b');
  });
});
