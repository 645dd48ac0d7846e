// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictBanner } from '../panels/ConflictBanner';
import { Toolbar } from '../panels/Toolbar';
import { DeployControls } from './DeployControls';
import { settle, snapshotFor } from './fake-control-plane';
import { openAdCounter } from './open-ad-counter';

// Save and Deploy are emphasised only when they have something to do: Save when the document
// differs from the stored one, Deploy when it differs from what runs (positions aside).

afterEach(cleanup);

/** The ad counter saved as g_1 rev 1, running when `deployed`, with the toolbar shown. */
const opened = (deployed: boolean) =>
  openAdCounter(
    <>
      <Toolbar />
      <ConflictBanner />
      <DeployControls />
    </>,
    (r) => deployed && r.server.addDeployment('g_1', 1),
  );

const button = (testId: string) => screen.getByTestId(testId);
const emphasised = (testId: string) => button(testId).classList.contains('primary');

describe('what the toolbar offers to do', () => {
  it('offers to deploy a saved graph that does not run yet, and nothing to save', async () => {
    await opened(false);
    expect(emphasised('deploy')).toBe(true);
    expect(button('deploy').getAttribute('data-pending')).toBe('true');
    expect(emphasised('save')).toBe(false);
  });

  it('offers nothing while the running revision is what is drawn, even after a move', async () => {
    const r = await opened(true);
    expect(emphasised('deploy')).toBe(false);
    expect(button('deploy').getAttribute('title')).toMatch(/nothing undeployed/i);
    act(() => {
      r.editor
        .getState()
        .updateNode('removeAd', (n) => ({ ...n, position: { x: n.position.x + 40, y: 0 } }));
    });
    expect(emphasised('save')).toBe(true);
    expect(emphasised('deploy')).toBe(false);
  });

  it('offers to deploy again once a parameter changes, and not once it is changed back', async () => {
    const r = await opened(true);
    const threshold = (n: number) =>
      act(() => {
        r.editor.getState().updateNode('removeAd', (node) => ({
          ...node,
          params: { ...node.params, threshold: { kind: 'value', n } },
        }));
      });
    threshold(50);
    expect(emphasised('deploy')).toBe(true);
    expect(emphasised('save')).toBe(true);
    threshold(100);
    expect(emphasised('deploy')).toBe(false);
    expect(emphasised('save')).toBe(false);
  });
});

describe('a refused deploy', () => {
  it('counts the problems on the toolbar, which opens and closes their list', async () => {
    const r = await opened(false);
    const problems = [
      { nodeId: 'removeAd', constraint: 'trusted', message: 'removeAd needs a trusted agent' },
    ];
    r.server.setDeployAnswer({ status: 422, body: { error: 'cannot place the graph', problems } });
    await act(async () => {
      await r.live.getState().deploy();
    });
    const progress = button('deploy-progress');
    expect(progress.tagName).toBe('BUTTON');
    expect(progress.textContent).toBe('Not deployed: 1 problem');
    expect(progress.title).toBe('Not deployed: cannot place the graph');
    expect(progress.getAttribute('aria-expanded')).toBe('true');
    const list = button('deploy-problems');
    expect(progress.getAttribute('aria-controls')).toBe(list.id);
    expect(list.textContent).toContain('cannot place the graph');
    expect(list.textContent).toContain('removeAd needs a trusted agent');

    fireEvent.click(button('deploy-problems-close'));
    expect(screen.queryByTestId('deploy-problems')).toBeNull();
    expect(progress.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(progress);
    expect(button('deploy-problems').textContent).toContain('removeAd needs a trusted agent');
    fireEvent.click(progress);
    expect(screen.queryByTestId('deploy-problems')).toBeNull();
  });

  it('greys what it says about the deployment while the control plane is out of reach', async () => {
    const r = await opened(true);
    const progress = button('deploy-progress');
    act(() => r.live.getState().setLinkState('online'));
    expect(progress.getAttribute('data-stale')).toBe('false');
    act(() => r.live.getState().setLinkState('offline', 'transport close'));
    expect(progress.getAttribute('data-stale')).toBe('true');
    expect(progress.classList.contains('is-stale')).toBe(true);
    expect(progress.title).toMatch(/as last known: the connection to the control plane is lost$/);
    act(() => r.live.getState().setLinkState('online'));
    expect(progress.getAttribute('data-stale')).toBe('false');
  });

  it('marks a deployment running on fewer agents than its plan, not in the healthy green', async () => {
    const r = await opened(true);
    const progress = button('deploy-progress');
    const id = r.live.getState().deployment?.id ?? '';
    act(() => r.live.getState().receiveSnapshot(snapshotFor(id, ['client-1', 'client-2'])));
    expect(progress.textContent).toBe('Running on 2 of 3 agents');
    expect(progress.getAttribute('data-degraded')).toBe('true');
    expect(progress.classList.contains('is-degraded')).toBe(true);
    act(() =>
      r.live.getState().receiveSnapshot(snapshotFor(id, ['client-1', 'client-2', 'server-1'])),
    );
    expect(progress.textContent).toBe('Running on 3 agents');
    expect(progress.getAttribute('data-degraded')).toBe('false');
  });
});

describe('a graph that cannot be deployed as it is', () => {
  it('offers no Deploy for a graph with no nodes, and says why', async () => {
    const r = await opened(false);
    const deploy = button('deploy');
    expect(deploy).toHaveProperty('disabled', false);
    act(() => {
      r.editor.getState().select(r.editor.getState().doc.nodes.map((n) => n.id));
      r.editor.getState().deleteSelection();
    });
    expect(r.editor.getState().doc.nodes).toEqual([]);
    expect(deploy).toHaveProperty('disabled', true);
    expect(deploy.title).toBe('An empty graph cannot be deployed: add a node first');
    act(() => r.editor.getState().undo());
    expect(deploy).toHaveProperty('disabled', false);
    expect(deploy.title).not.toMatch(/empty/);
    act(() => r.editor.getState().newGraph());
    expect(deploy).toHaveProperty('disabled', true);
  });

  it('offers to save a graph deleted in another tab as a new graph, and deploys that', async () => {
    const r = await opened(false);
    r.server.graphs.delete('g_1');
    await act(async () => {
      await r.live.getState().deploy();
    });
    // The banner says it, once: the progress line does not add a failure.
    expect(button('deploy-progress').getAttribute('data-step')).toBe('idle');
    expect(button('deploy-progress').textContent).toBe('Not deployed');
    const banner = button('save-conflict');
    expect(banner.getAttribute('data-cause')).toBe('gone');
    expect(banner.textContent).toContain('graph g_1 is no longer on the control plane');
    // There is no server copy to load.
    expect(screen.queryByTestId('conflict-reload')).toBeNull();
    const saveAsNew = button('conflict-save-as-new');
    expect(saveAsNew.textContent).toBe('Save as a new graph');

    await act(async () => {
      fireEvent.click(saveAsNew);
      await settle();
    });
    const id = r.editor.getState().remote?.id ?? '';
    expect(id).not.toBe('g_1');
    expect(r.server.graphs.has(id)).toBe(true);
    expect(screen.queryByTestId('save-conflict')).toBeNull();
    await act(async () => {
      await r.live.getState().deploy();
    });
    expect(r.server.deployments.at(-1)?.graphId).toBe(id);
  });

  it('says so once when the graph deleted elsewhere had changes Deploy would save first', async () => {
    const r = await opened(false);
    r.server.graphs.delete('g_1');
    act(() => r.editor.getState().updateNode('ads', (n) => ({ ...n, label: 'mine' })));
    await act(async () => {
      await r.live.getState().deploy();
    });
    expect(button('save-conflict').getAttribute('data-cause')).toBe('gone');
    // Neither the progress line nor the status line says it again.
    expect(button('deploy-progress').textContent).toBe('Not deployed');
    expect(r.editor.getState().status).toBeUndefined();
    expect(r.server.deployments).toEqual([]);
  });
});
