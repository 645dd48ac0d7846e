import type { DeploymentSummary } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import type { GraphSummary } from '../domain/graphs.js';
import { renderDashboard } from './home-page.js';

const deployment = (id: string, graphId: string): DeploymentSummary => ({
  id,
  graphId,
  rev: 3,
  status: 'running',
  version: 1,
  createdAt: new Date(0).toISOString(),
});

const graph: GraphSummary = {
  id: 'g_ads',
  name: 'Ad <counter>',
  rev: 3,
  updatedAt: new Date(0).toISOString(),
};

/** The Deployments table's rows, one string per row. */
const deploymentRows = (page: string): string[] =>
  (page.split('<h2>Deployments')[1] ?? '').split('<tr>').slice(2);

describe('the status page dashboard', () => {
  it("names each deployment's graph, keeping its id in sight", () => {
    const page = renderDashboard([], [graph], [deployment('d_1', 'g_ads')]);
    const [row] = deploymentRows(page);
    expect(row).toContain('<span title="g_ads">Ad &lt;counter&gt;</span> rev 3');
    expect(row).toContain('<small><code>g_ads</code></small>');
  });

  it('when the graph is gone, then its id stands in for its name', () => {
    const page = renderDashboard([], [], [deployment('d_2', 'g_gone')]);
    const [row] = deploymentRows(page);
    expect(row).toContain('<code>g_gone</code> rev 3');
    expect(row).not.toContain('<span title=');
  });
});
