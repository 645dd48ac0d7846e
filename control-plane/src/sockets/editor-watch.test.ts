import type { DeploymentSnapshot } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { connected, readExample, serverWithSockets, within } from '../testing/test-server.js';
import { connectWireAgent, reportMetrics, until } from '../testing/wire-agent.js';

const suite = serverWithSockets();

/** Deploys the ad counter in one request, and opens an editor socket (not yet connected). */
async function deployAndOpenEditor() {
  const res = await suite.server.send(
    'POST',
    '/api/deployments',
    await readExample('ad-counter.json'),
  );
  const { deploymentId } = (await res.json()) as { deploymentId: string };
  return { deploymentId, editor: suite.open('/editor', { token: suite.server.adminToken }) };
}

describe('an editor watching a deployment', () => {
  it('gets its snapshot at once, then throttled snapshots that end on the latest state', async () => {
    await Promise.all([
      connectWireAgent(suite, 'client-1', 'client'),
      connectWireAgent(suite, 'server-1', 'server', true),
    ]);
    const { deploymentId, editor } = await deployAndOpenEditor();
    const snapshots: DeploymentSnapshot[] = [];
    const events: Array<{ kind: string }> = [];
    editor.on('snapshot', (s: DeploymentSnapshot) => snapshots.push(s));
    editor.on('event', (e: { kind: string }) => events.push(e));
    await connected(editor);
    const first = (await within(editor.emitWithAck('watch', deploymentId), 5000, 'watch')) as {
      ok: boolean;
      value: DeploymentSnapshot;
    };
    expect(first.ok).toBe(true);
    expect(first.value.variables.contracts).toEqual({
      value: [],
      // The hub's replica and server-1's, both in sync.
      replicas: 2,
      inSync: 2,
      agree: true,
    });
    expect(first.value.agents.map((a) => a.name)).toEqual(['client-1', 'server-1']);

    // 200 changes in quick succession: far fewer snapshots, the last one with every change.
    const ops = suite.server;
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        ops.send('POST', `/api/deployments/${deploymentId}/variables/contracts/ops`, {
          op: { op: 'add', value: { id: `ad-${i}` } },
        }),
      ),
    );
    const size = (s: DeploymentSnapshot | undefined) =>
      (s?.variables.contracts?.value as unknown[] | undefined)?.length ?? 0;
    await until(() => size(snapshots.at(-1)) === 200, 'a snapshot with all 200 contracts');
    expect(snapshots.length).toBeLessThan(50);

    await suite.server.api(`/api/deployments/${deploymentId}`, { method: 'DELETE' });
    await until(() => events.some((e) => e.kind === 'stop'), 'the stop event');
  });

  it('hears of the issues agents report, each as an error naming the node and the agent', async () => {
    const [server] = await Promise.all([
      connectWireAgent(suite, 'server-2', 'server', true),
      connectWireAgent(suite, 'client-2', 'client'),
    ]);
    const { deploymentId, editor } = await deployAndOpenEditor();
    const events: Array<{ kind: string; deployment?: string; message: string; node?: string }> = [];
    editor.on('event', (e: (typeof events)[number]) => events.push(e));
    await connected(editor);
    await within(editor.emitWithAck('watch', deploymentId), 5000, 'watch');
    const report = (issues: unknown) => reportMetrics(server, deploymentId, { issues });
    // A malformed report (a count of 0) is refused whole, and tells the editor nothing.
    report([{ where: 'removeAd', message: 'bad', count: 0 }]);
    report([
      { where: 'removeAd', message: 'No such key: id', element: '"plain"', count: 3 },
      { where: 'subscriber of ads', message: 'sink is down', count: 1 },
    ]);
    await until(() => events.filter((e) => e.kind === 'error').length === 2, 'the error events');
    // On the node it concerns as well; a place that is no node of the graph names none.
    expect(events.filter((e) => e.kind === 'error')).toEqual([
      {
        id: expect.any(String),
        at: expect.any(Number),
        kind: 'error',
        deployment: deploymentId,
        message: 'removeAd on server-2: No such key: id; element "plain" (3 times)',
        node: 'removeAd',
      },
      {
        id: expect.any(String),
        at: expect.any(Number),
        kind: 'error',
        deployment: deploymentId,
        message: 'subscriber of ads on server-2: sink is down',
      },
    ]);
    await suite.server.api(`/api/deployments/${deploymentId}`, { method: 'DELETE' });
  });
});
