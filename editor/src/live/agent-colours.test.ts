import type { PlacementPlan } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import {
  agentColour,
  agentsOfNode,
  HUB_COLOUR,
  placementBackground,
  planAgents,
} from './agent-colours';

const plan: PlacementPlan = {
  nodes: { ads: ['server-1'], clients: ['client-1', 'client-2'] },
  variables: { impressions: ['client-1', 'client-2', 'server-1'], hubOnly: [] },
  explanations: {},
  rates: {},
  traffic: 0,
};

describe('agent colours', () => {
  it('gives a name the same colour every time, and the local agents different ones', () => {
    expect(agentColour('client-1')).toBe(agentColour('client-1'));
    const colours = ['client-1', 'client-2', 'server-1'].map(agentColour);
    expect(new Set(colours).size).toBe(3);
    expect(colours[0]).toMatch(/^hsl\(\d+ 70% \d+%\)$/);
  });

  it('knows which agents run or hold a node, and every agent of a plan', () => {
    expect(agentsOfNode(plan, 'ads')).toEqual(['server-1']);
    expect(agentsOfNode(plan, 'impressions')).toHaveLength(3);
    expect(agentsOfNode(plan, 'missing')).toEqual([]);
    expect(planAgents(plan)).toEqual(['client-1', 'client-2', 'server-1']);
  });

  it("paints one agent's colour, stripes for several, the hub's grey for none", () => {
    expect(placementBackground(['server-1'])).toBe(agentColour('server-1'));
    expect(placementBackground([])).toBe(HUB_COLOUR);
    const striped = placementBackground(['client-1', 'client-2']);
    expect(striped).toContain(`${agentColour('client-1')} 0.00% 50.00%`);
    expect(striped).toContain(`${agentColour('client-2')} 50.00% 100.00%`);
  });
});
