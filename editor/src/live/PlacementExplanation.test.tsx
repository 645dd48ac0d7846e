// @vitest-environment jsdom
import type { NodeExplanation } from '@inflow/shared-core';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PlacementExplanation } from './PlacementExplanation';

afterEach(cleanup);

const explanation: NodeExplanation = {
  rule: 'scored',
  summary: 'on server-1: least cross-agent traffic (120 B/s in all); client-1 would add 40 B/s',
  removed: [
    { constraint: 'selector', agents: ['edge-1'] },
    { constraint: 'trusted', agents: ['client-1', 'client-2'] },
  ],
  candidates: [
    { agent: 'server-1', traffic: 120, affinity: 0, load: 2, moves: false, total: 120 },
    { agent: 'server-2', traffic: 160, affinity: 5.5, load: 1, moves: true, total: 165.5 },
  ],
};

describe('the placement explanation', () => {
  it('shows the summary, where the node runs, and what each hard constraint removed', () => {
    render(
      <PlacementExplanation nodeId="removeAd" agents={['server-1']} explanation={explanation} />,
    );
    expect(screen.getByTestId('explanation-summary').textContent).toBe(explanation.summary);
    expect(screen.getByTestId('explanation-rule').getAttribute('data-rule')).toBe('scored');
    expect(screen.getByTestId('explanation-rule').textContent).toBe(
      'Chosen as the best-scoring agent',
    );
    expect(screen.getByTestId('explanation-agents').textContent).toBe('Runs on server-1');
    expect(screen.getByTestId('removed-selector').textContent).toBe('selector removed edge-1');
    expect(screen.getByTestId('removed-trusted').textContent).toBe(
      'trusted removed client-1, client-2',
    );
  });

  it('lists the candidates best first with every term of the score', () => {
    render(
      <PlacementExplanation nodeId="removeAd" agents={['server-1']} explanation={explanation} />,
    );
    const table = screen.getByTestId('explanation-candidates');
    const header = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(header).toEqual(['agent', 'traffic', 'affinity', 'load', 'moves', 'total']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual([
      'candidate-server-1',
      'candidate-server-2',
    ]);
    const cells = (i: number) =>
      Array.from(rows[i]?.querySelectorAll('th, td') ?? []).map((c) => c.textContent);
    expect(cells(0)).toEqual(['server-1', '120', '0.0', '2', 'no', '120']);
    expect(cells(1)).toEqual(['server-2', '160', '5.5', '1', 'yes', '166']);
    expect(rows[0]?.className).toBe('is-chosen');
    expect(rows[1]?.className).toBe('');
  });

  it('says so when the node is only at the hub and the plan has no explanation', () => {
    render(<PlacementExplanation nodeId="contracts" agents={[]} explanation={undefined} />);
    expect(screen.getByTestId('explanation-agents').textContent).toBe('Runs on the hub only');
    expect(screen.queryByTestId('explanation-candidates')).toBeNull();
    expect(screen.getByText('No explanation for this node in the plan.')).toBeTruthy();
  });
});
