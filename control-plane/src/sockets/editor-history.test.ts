import type { HubEventMessage } from '@inflow/shared-core';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { RECENT_EVENTS } from '../hub/recent-events.js';
import { connected, readExample, serverWithSockets, within } from '../testing/test-server.js';
import { connectWireAgent, reportMetrics, until } from '../testing/wire-agent.js';

const suite = serverWithSockets();

/** An editor socket, connected, with the history it was sent on connecting. */
async function openEditor(): Promise<{ editor: Socket; history: HubEventMessage[] }> {
  const editor = suite.open('/editor', { token: suite.server.adminToken });
  const history = new Promise<HubEventMessage[]>((resolve) => editor.once('history', resolve));
  await connected(editor);
  return { editor, history: await within(history, 5000, 'the history') };
}

describe('an editor that connects after events happened', () => {
  it('is sent them, oldest first, with the ids the live events had', async () => {
    const first = await openEditor();
    expect(first.history).toEqual([]);
    const live: HubEventMessage[] = [];
    first.editor.on('event', (e: HubEventMessage) => live.push(e));
    await Promise.all([
      connectWireAgent(suite, 'client-1', 'client'),
      connectWireAgent(suite, 'server-1', 'server', true),
    ]);
    const res = await suite.server.send(
      'POST',
      '/api/deployments',
      await readExample('ad-counter.json'),
    );
    expect(res.status).toBe(202);
    await until(() => live.some((e) => e.kind === 'deploy'), 'the deploy event');

    const later = await openEditor();
    expect(later.history).toEqual(live);
    expect(later.history.map((e) => e.kind)).toEqual(['agent-joined', 'agent-joined', 'deploy']);
    expect(new Set(later.history.map((e) => e.id)).size).toBe(3);
  });

  it(`is sent the most recent ${RECENT_EVENTS} only`, async () => {
    const { editor } = await openEditor();
    const live: HubEventMessage[] = [];
    editor.on('event', (e: HubEventMessage) => live.push(e));
    const [server] = await Promise.all([
      connectWireAgent(suite, 'server-2', 'server', true),
      connectWireAgent(suite, 'client-2', 'client'),
    ]);
    const res = await suite.server.send(
      'POST',
      '/api/deployments',
      await readExample('ad-counter.json'),
    );
    const { deploymentId } = (await res.json()) as { deploymentId: string };
    // A metrics report carries at most 20 issues, each an error event.
    const issues = Array.from({ length: 20 }, (_, i) => ({
      where: 'removeAd',
      message: `#${i}`,
      count: 1,
    }));
    const reports = Math.ceil(RECENT_EVENTS / issues.length) + 1;
    for (let i = 0; i < reports; i += 1) {
      reportMetrics(server, deploymentId, { issues });
    }
    const errors = () => live.filter((e) => e.kind === 'error').length;
    await until(() => errors() === reports * issues.length, 'every error event');

    const later = await openEditor();
    expect(later.history).toHaveLength(RECENT_EVENTS);
    expect(later.history).toEqual(live.slice(-RECENT_EVENTS));
    await suite.server.api(`/api/deployments/${deploymentId}`, { method: 'DELETE' });
  });

  it('is sent the same events, with the same ids, after the control plane restarts', async () => {
    const before = await openEditor();
    expect(before.history).toHaveLength(RECENT_EVENTS);
    const restarted = await suite.server.restart();
    try {
      const editor = suite.open('/editor', { token: restarted.adminToken }, restarted.url);
      const history = new Promise<HubEventMessage[]>((resolve) => editor.once('history', resolve));
      await connected(editor);
      const after = await within(history, 5000, 'the history after the restart');
      // What happened while stopping (the old editor leaving changes nothing) may come after.
      const known = new Set(before.history.map((e) => e.id));
      const kept = after.filter((e) => known.has(e.id));
      expect(kept.length).toBeGreaterThan(RECENT_EVENTS / 2);
      expect(kept).toEqual(before.history.slice(-kept.length));
      expect(after.slice(0, kept.length)).toEqual(kept);
    } finally {
      await restarted.dispose();
    }
  });
});
