import type { DeploymentView } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { serverWithSockets } from '../testing/test-server.js';
import { until } from '../testing/wire-agent.js';
import { runtimeAgent } from './testing/runtime-agent.js';

const suite = serverWithSockets();

/**
 * Views per ad and the ads, with an `invariant` trigger on the agent `on` that removes an ad once
 * it was seen `n` times. The counter comes first, so an agent asks the hub for it first.
 */
const viewsGraph = (on: string, n: number) => ({
  format: 'inflow-graph',
  version: 1,
  name: 'views',
  nodes: [
    {
      id: 'seen',
      kind: 'variable',
      type: 'gmap',
      params: { value: { name: 'gcounter' } },
      position: { x: 0, y: 0 },
    },
    { id: 'ads', kind: 'variable', type: 'orset', params: {}, position: { x: 0, y: 100 } },
    {
      id: 'drop',
      kind: 'trigger',
      type: 'threshold',
      params: {
        threshold: { kind: 'value', n },
        mode: 'invariant',
        perKey: true,
        action: { op: 'remove', where: 'x.id == key' },
      },
      position: { x: 0, y: 200 },
      placement: { pin: on },
    },
  ],
  edges: [
    { id: 'e1', source: 'seen', sourceHandle: 'out', target: 'drop', targetHandle: 'in' },
    { id: 'e2', source: 'drop', sourceHandle: 'action', target: 'ads', targetHandle: 'in' },
  ],
});

const view = async (id: string) =>
  (await (await suite.server.api(`/api/deployments/${id}`)).json()) as DeploymentView;

describe('a redeploy that lowers an invariant trigger’s threshold', () => {
  it('acts on the carried state only once the agent has caught up with all of it', async () => {
    const agent = await runtimeAgent(suite, 'trigger-1', { role: 'server' });
    const created = await suite.server.send('POST', '/api/graphs', viewsGraph(agent.name, 100));
    const { id: graphId } = (await created.json()) as { id: string };
    const deploy = async (body: unknown) => {
      const res = await suite.server.send('POST', `/api/graphs/${graphId}/deploy`, body);
      return ((await res.json()) as { deploymentId: string }).deploymentId;
    };
    const ops = (d: string, variable: string, op: unknown) =>
      suite.server.send('POST', `/api/deployments/${d}/variables/${variable}/ops`, { op });
    const d1 = await deploy({ rev: 1 });
    await ops(d1, 'ads', { op: 'addAll', values: [{ id: 'a-1' }, { id: 'a-2' }] });
    await ops(d1, 'seen', { op: 'apply', key: 'a-1', inner: { op: 'increment', by: 30 } });
    await until(() => agent.runners.has(d1), 'the agent runs it');
    expect((await view(d1)).variables.ads?.value).toHaveLength(2);

    const rev2 = await suite.server.send('PUT', `/api/graphs/${graphId}`, {
      rev: 1,
      graph: viewsGraph(agent.name, 20),
    });
    expect(rev2.status).toBe(200);
    const d2 = await deploy({ rev: 2, replaces: d1 });
    // 30 views are over the new threshold: a-1 goes, at the agent and so at the hub.
    await until(
      async () => JSON.stringify((await view(d2)).variables.ads?.value) === '[{"id":"a-2"}]',
      'a-1 removed',
    );
    await until(() => agent.runners.has(d2), 'the agent runs the new deployment');
    expect(agent.runtime(d2).query('ads')).toEqual([{ id: 'a-2' }]);
  });
});
