import type { DeploymentSnapshot, DeploymentView, HubEventMessage } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import {
  connected,
  deployExample,
  serverWithSockets,
  withAdminToken,
  within,
} from '../testing/test-server.js';
import { connectWireAgent, until } from '../testing/wire-agent.js';

const suite = serverWithSockets({ ...withAdminToken, graceMs: 300 });

const view = async (id: string) =>
  (await (await suite.server.api(`/api/deployments/${id}`)).json()) as DeploymentView;

/**
 * An editor as the editor's live store follows a deployment: it watches the snapshots, and
 * fetches the details (plan and problems) again only when a snapshot's version moves on.
 */
async function followLikeTheEditor(deployment: string) {
  const editor = suite.open('/editor', { token: suite.server.adminToken });
  const events: HubEventMessage[] = [];
  editor.on('event', (e: HubEventMessage) => events.push(e));
  await connected(editor);
  const first = (await within(editor.emitWithAck('watch', deployment), 5000, 'watch')) as {
    value: DeploymentSnapshot;
  };
  let version = first.value.version;
  const details = [await view(deployment)];
  editor.on('snapshot', (s: DeploymentSnapshot) => {
    if (s.version === version) return;
    version = s.version;
    void view(deployment).then((d) => details.push(d));
  });
  return { events, shown: () => details.at(-1) };
}

describe('a placement that fails once an agent stays away', () => {
  it('shows its problems to an editor that follows the version, and clears them when it is back', async () => {
    const [, server] = await Promise.all([
      connectWireAgent(suite, 'client-1', 'client'),
      connectWireAgent(suite, 'server-1', 'server', true),
    ]);
    const deploymentId = await deployExample(suite.server, 'ad-counter.json');
    const editor = await followLikeTheEditor(deploymentId);
    expect(editor.shown()?.problems).toEqual([]);

    // removeAd runs only on a trusted agent, and server-1 was the only one.
    server.socket.disconnect();
    await until(() => (editor.shown()?.problems.length ?? 0) > 0, 'the editor to see the problems');
    const failed = editor.shown();
    expect(failed?.problems.map((p) => p.nodeId)).toContain('removeAd');
    expect(failed?.placement).toEqual((await view(deploymentId)).placement);
    await until(
      () => editor.events.some((e) => e.message.startsWith('server-1 stayed away')),
      'the event',
    );
    const left = editor.events.filter((e) => e.kind === 'agent-left').map((e) => e.message);
    expect(left).toEqual([
      'server-1 disconnected',
      expect.stringMatching(
        /^server-1 stayed away; its work could not be placed again: .*removeAd.*; the previous plan stays$/,
      ),
    ]);
    expect(left.join()).not.toContain('its work was placed again');

    const again = await connectWireAgent(suite, 'server-1', 'server', true, server.token);
    await until(() => editor.shown()?.problems.length === 0, 'the editor to see them cleared');
    // The plan did not change: its share says so by the version it came with, not a new one.
    await until(() => again.assignments.length === 1, 'server-1 given its share again');
    expect(again.assignments[0]?.version).toBe(1);
    const back = await view(deploymentId);
    expect(back.problems).toEqual([]);
    expect(editor.shown()?.version).toBe(back.version);
    expect(back.version).toBeGreaterThan(failed?.version ?? Infinity);
    // The list says the same version as the view and the snapshots.
    const listed = (await (await suite.server.api('/api/deployments')).json()) as DeploymentView[];
    expect(listed.find((d) => d.id === deploymentId)?.version).toBe(back.version);
  });
});
