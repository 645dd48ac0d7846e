// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { openAdCounter } from './open-ad-counter';
import { PlacementLegend } from './PlacementLegend';

afterEach(cleanup);

const text = (id: string) => screen.getByTestId(id).textContent;

describe('the placement legend', () => {
  it('counts what each agent runs as the agents panel does, then the replicas it only holds', async () => {
    // The fake's plan: removeAd on server-1, gameClients on both clients, impressions held by all.
    await openAdCounter(<PlacementLegend />, (r) => r.server.addDeployment('g_1', 1));
    expect(text('legend-server-1')).toBe('server-1 · runs 1 · holds 1');
    expect(text('legend-client-2')).toBe('client-2 · runs 1 · holds 1');
  });

  it('lists the hub only while some node runs on no agent', async () => {
    const r = await openAdCounter(<PlacementLegend />, (rig) => rig.server.addDeployment('g_1', 1));
    // Nodes the fake's plan leaves out (the ads sets, say) are the hub's alone.
    expect(text('legend-hub')).toBe('hub only · state no agent holds');
    const details = r.live.getState().details;
    if (!details) throw new Error('no deployment shown');
    const everywhere = Object.fromEntries(
      r.editor.getState().doc.nodes.map((n) => [n.id, ['server-1']]),
    );
    act(() =>
      r.live.setState({
        details: { ...details, placement: { ...details.placement, nodes: everywhere } },
      }),
    );
    expect(text('legend-server-1')).toBe(`server-1 · runs ${Object.keys(everywhere).length}`);
    expect(screen.queryByTestId('legend-hub')).toBeNull();
  });
});
