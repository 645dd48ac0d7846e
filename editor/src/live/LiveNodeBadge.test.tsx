// @vitest-environment jsdom
import type { DeploymentSnapshot, DeploymentView } from '@inflow/shared-core';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DetailLevelContext, type DetailLevel } from '../canvas/detail-level';
import { EditorStoreProvider } from '../store/editor-context';
import { agentColour } from './agent-colours';
import { fakeLink, liveTestRig, settle, snapshotFor } from './fake-control-plane';
import { LiveStoreProvider } from './live-context';
import { LiveNodeBadge } from './LiveNodeBadge';

afterEach(cleanup);

const AD_COUNTER_VALUES = {
  impressions: { value: { 'rovio-1': 60, 'rovio-2': 45 }, replicas: 4, inSync: 3, agree: false },
  rovioAds: {
    value: [{ id: 'rovio-1' }, { id: 'rovio-2' }],
    replicas: 2,
    inSync: 2,
    agree: true,
  },
};

/** A deployment of the ad counter (or of `template`), shown with these snapshot values. */
async function shown(
  template: 'ad-counter' | 'leaderboard' = 'ad-counter',
  variables: DeploymentSnapshot['variables'] = AD_COUNTER_VALUES,
  local: { view: DeploymentView['local']; reported: DeploymentSnapshot['local'] } = {
    view: {},
    reported: {},
  },
) {
  const r = liveTestRig();
  r.editor.getState().loadTemplate(template);
  await r.editor.getState().save();
  const d = r.server.addDeployment('g_1', 1);
  d.local = local.view;
  r.live
    .getState()
    .attachLink(fakeLink((id) => snapshotFor(id, ['server-1'], 1, variables, local.reported)).link);
  await r.live.getState().showGraph('g_1');
  await settle();
  /** Badges at their detail levels; `onRender` is called each time the first one renders. */
  const renderBadges = (
    badges: ReadonlyArray<{ nodeId: string; level: DetailLevel }>,
    onRender = () => {},
  ) =>
    render(
      <EditorStoreProvider store={r.editor}>
        <LiveStoreProvider store={r.live}>
          {badges.map(({ nodeId, level }, i) => {
            const node = r.editor.getState().doc.nodes.find((n) => n.id === nodeId);
            if (!node) throw new Error(`no node ${nodeId} in the ${template} template`);
            return (
              <DetailLevelContext.Provider key={nodeId} value={level}>
                <Profiler id={nodeId} onRender={i === 0 ? onRender : () => {}}>
                  <LiveNodeBadge nodeId={nodeId} node={node} />
                </Profiler>
              </DetailLevelContext.Provider>
            );
          })}
        </LiveStoreProvider>
      </EditorStoreProvider>,
    );
  const renderBadge = (nodeId: string) => renderBadges([{ nodeId, level: 'full' }]);
  return { ...r, d, renderBadge, renderBadges };
}

describe('the live badge of a node', () => {
  it("shows a map of counters' total, its entries, and how many replicas are in sync", async () => {
    const r = await shown();
    r.renderBadge('impressions');
    const value = screen.getByTestId('live-value-impressions');
    expect(value.textContent).toContain('Σ 105 · 2 keys');
    expect(value.textContent).toContain('rovio-1: 60, rovio-2: 45');
    expect(value.getAttribute('data-magnitude')).toBe('105');
    const badge = screen.getByTestId('convergence-impressions');
    expect(badge.textContent).toBe('3/4');
    expect(badge.getAttribute('aria-label')).toBe('3 of 4 replicas in sync');
    expect(screen.getByTestId('placement-stripe-impressions').getAttribute('data-agents')).toBe(
      'client-1,client-2,server-1',
    );
  });

  it("shows a set's size and that its replicas agree, coloured by the agent that runs it", async () => {
    const r = await shown();
    r.renderBadge('removeAd');
    const stripe = screen.getByTestId('placement-stripe-removeAd');
    expect(stripe.getAttribute('data-agents')).toBe('server-1');
    // The colour as the DOM normalises it, for comparison.
    const expected = document.createElement('span');
    expected.style.background = agentColour('server-1');
    expect(stripe.style.background).not.toBe('');
    expect(stripe.style.background).toBe(expected.style.background);
    cleanup();
    r.renderBadge('rovioAds');
    expect(screen.getByTestId('live-value-rovioAds').textContent).toContain('2 elements');
    expect(screen.getByTestId('convergence-rovioAds').textContent).toBe('agree');
  });

  it('shows nothing while no deployment is shown', async () => {
    const r = await shown();
    await r.live.getState().showGraph(undefined);
    const { container } = r.renderBadge('impressions');
    expect(container.innerHTML).toBe('');
  });

  it("shows each agent's own copy of a local variable, as the agent reported it", async () => {
    const games = [{ player: 'ann', score: 10 }];
    const r = await shown(
      'leaderboard',
      {},
      {
        view: {
          scores: { type: 'awset', agents: ['client-1', 'client-2', 'client-3'], values: {} },
        },
        reported: {
          scores: { 'client-1': { value: games }, 'client-2': { omittedBytes: 20_480 } },
        },
      },
    );
    r.renderBadge('scores');
    expect(screen.getByTestId('live-local-scores').textContent).toBe('local to each agent');
    expect(screen.queryByTestId('convergence-scores')).toBeNull();
    const copy = (agent: string) => screen.getByTestId(`local-copy-scores-${agent}`);
    expect(copy('client-1').textContent).toBe('client-1: 1 element: {"player":"ann","score":10}');
    expect(copy('client-1').getAttribute('data-reported')).toBe('true');
    expect(copy('client-2').textContent).toBe('client-2: too large to report (20,480 bytes)');
    expect(copy('client-3').textContent).toBe('client-3: offline or not reported yet');
    expect(copy('client-3').getAttribute('data-reported')).toBe('false');
  });

  it("after a stop, keeps each agent's last reported copy of a local variable, marked final", async () => {
    const games = [{ player: 'ann', score: 10 }];
    const r = await shown(
      'leaderboard',
      {},
      {
        view: { scores: { type: 'awset', agents: ['client-1', 'client-2'], values: {} } },
        reported: { scores: { 'client-1': { value: games } } },
      },
    );
    r.renderBadge('scores');
    await screen.findByTestId('local-copy-scores-client-1');
    expect(screen.queryByTestId('final-scores')).toBeNull();
    await act(() => r.live.getState().stop());
    await waitFor(() => expect(screen.queryByTestId('local-copy-scores-client-2')).toBeNull());
    expect(screen.getByTestId('live-local-scores').textContent).toBe('local to each agent · final');
    expect(screen.getByTestId('local-copy-scores-client-1').textContent).toBe(
      'client-1: 1 element: {"player":"ann","score":10}',
    );
    expect(screen.getByTestId('live-local-scores').getAttribute('title')).toContain(
      `before deployment ${r.d.id} stopped`,
    );
  });

  it('puts the sparkline beside a short headline and under a long one, whatever the badge', async () => {
    const top = (agree: boolean, score: number) => ({
      leaderboard: { value: [{ key: 'ann', score }], replicas: 3, inSync: agree ? 3 : 2, agree },
    });
    const r = await shown('leaderboard', top(true, 10));
    act(() =>
      r.live.getState().receiveSnapshot(snapshotFor(r.d.id, ['server-1'], 1, top(true, 20))),
    );
    const { container } = r.renderBadge('leaderboard');
    const beside = () => container.querySelector('.live-meta .live-sparkline');
    const below = () => container.querySelector('.live-items-line .live-sparkline');
    // "top 1" is short: the sparkline sits beside it, and the line under it has the ranking.
    await waitFor(() => expect(beside()).not.toBeNull());
    expect(below()).toBeNull();
    expect(container.querySelector('.live-items-line')?.textContent).toBe('1. ann 20');

    // Catching up, the badge is wider, but nothing moves: with a layout that followed the badge,
    // hundreds of nodes changed each time their replicas caught up, and live drags were slower.
    act(() =>
      r.live.getState().receiveSnapshot(snapshotFor(r.d.id, ['server-1'], 1, top(false, 30))),
    );
    await waitFor(() =>
      expect(screen.getByTestId('convergence-leaderboard').textContent).toBe('2/3'),
    );
    expect(beside()).not.toBeNull();
    expect(below()).toBeNull();

    // A set's "2 elements" is too long to share: the sparkline goes under it, beside the items.
    cleanup();
    const ads = await shown();
    act(() =>
      ads.live
        .getState()
        .receiveSnapshot(snapshotFor(ads.d.id, ['server-1'], 1, AD_COUNTER_VALUES)),
    );
    const set = ads.renderBadge('rovioAds').container;
    await waitFor(() =>
      expect(set.querySelector('.live-items-line .live-sparkline')).not.toBeNull(),
    );
    expect(set.querySelector('.live-meta .live-sparkline')).toBeNull();
    expect(set.querySelector('.live-meta')?.textContent).toBe('2 elementsagree');
  });

  it('marks the node with the errors agents reported on it in this deployment, the newest on hover', async () => {
    const r = await shown();
    r.renderBadge('removeAd');
    const error = (id: string, deployment: string, node: string | undefined, message: string) =>
      act(() =>
        r.live.getState().receiveEvent({
          id,
          at: Date.now(),
          kind: 'error',
          deployment,
          message,
          ...(node ? { node } : {}),
        }),
      );
    error('e1', r.d.id, 'removeAd', 'removeAd on server-1: No such key: id; element "plain"');
    // Another node's, an old deployment's, and one naming no node are not this node's.
    error('e2', r.d.id, 'adsWithContracts', 'adsWithContracts on server-1: No such key: id');
    error('e3', 'd_old', 'removeAd', 'removeAd on server-1: from before');
    error('e4', r.d.id, undefined, 'subscriber of ads on server-1: sink is down');
    const mark = await screen.findByTestId('node-error-removeAd');
    expect(mark.textContent).toBe('⚠ 1 error');
    error('e5', r.d.id, 'removeAd', 'removeAd on client-1: effect failed');
    await waitFor(() => expect(mark.textContent).toBe('⚠ 2 errors'));
    expect(mark.getAttribute('aria-label')).toBe(
      '2 errors; the latest: removeAd on client-1: effect failed',
    );
    act(() => r.live.getState().clearEvents());
    await waitFor(() => expect(screen.queryByTestId('node-error-removeAd')).toBeNull());
  });

  it('after a stop, shows the last values as final: no placement, no convergence', async () => {
    const r = await shown();
    act(() =>
      r.live.getState().receiveSnapshot(snapshotFor(r.d.id, ['server-1'], 1, AD_COUNTER_VALUES)),
    );
    r.renderBadge('impressions');
    await waitFor(() =>
      expect(screen.getByTestId('live-value-impressions').textContent).toContain('Σ 105'),
    );
    await act(() => r.live.getState().stop());
    await waitFor(() => expect(screen.queryByTestId('convergence-impressions')).toBeNull());
    expect(screen.getByTestId('live-value-impressions').textContent).toContain('Σ 105');
    expect(screen.getByTestId('final-impressions').getAttribute('title')).toBe(
      `the value when deployment ${r.d.id} stopped`,
    );
    expect(screen.queryByTestId('placement-stripe-impressions')).toBeNull();
  });

  it("shows a sink's last line, with its agent and time on hover", async () => {
    const r = await shown();
    r.renderBadge('adsLog');
    expect(screen.queryByTestId('sink-output-adsLog')).toBeNull();
    const at = Date.UTC(2030, 0, 1);
    act(() =>
      r.live.getState().receiveSnapshot(
        snapshotFor(
          r.d.id,
          ['server-1'],
          1,
          AD_COUNTER_VALUES,
          {},
          {
            adsLog: [
              { agent: 'server-1', at, text: '[{"id":"rovio-1"}]' },
              { agent: 'server-1', at: at - 1000, text: '[]' },
            ],
          },
        ),
      ),
    );
    const line = await screen.findByTestId('sink-output-adsLog');
    expect(line.textContent).toBe('[{"id":"rovio-1"}]');
    expect(line.getAttribute('title')).toMatch(/ on server-1: \[\{"id":"rovio-1"\}\]$/);
  });

  it('in the overview, draws a bar for the value and a dot for convergence, and re-renders only when agreement changes', async () => {
    const r = await shown();
    let renders = 0;
    // Beside a badge in low detail, which shows a new value once the frame that paces it ran.
    r.renderBadges(
      [
        { nodeId: 'impressions', level: 'overview' },
        { nodeId: 'rovioAds', level: 'low' },
      ],
      () => renders++,
    );
    expect(screen.queryByTestId('live-value-impressions')).toBeNull();
    expect(screen.getByTestId('value-bar-impressions').textContent).toBe('');
    const dot = () => screen.getByTestId('convergence-impressions');
    expect(dot().textContent).toBe('');
    expect(dot().getAttribute('aria-label')).toBe('3 of 4 replicas in sync');

    const before = renders;
    const next = (impressions: (typeof AD_COUNTER_VALUES)['impressions'], ads: number) =>
      act(() =>
        r.live.getState().receiveSnapshot(
          snapshotFor(r.d.id, ['server-1'], 1, {
            impressions,
            rovioAds: {
              ...AD_COUNTER_VALUES.rovioAds,
              value: Array.from({ length: ads }, (_, i) => ({ id: `ad-${i}` })),
            },
          }),
        ),
      );
    const low = () => screen.getByTestId('live-value-rovioAds').textContent;
    next({ ...AD_COUNTER_VALUES.impressions, value: { 'rovio-1': 70, 'rovio-2': 45 } }, 3);
    await waitFor(() => expect(low()).toContain('3 elements'));
    expect(renders).toBe(before);

    next({ ...AD_COUNTER_VALUES.impressions, inSync: 4, agree: true }, 4);
    await waitFor(() => expect(dot().getAttribute('data-agree')).toBe('true'));
    expect(dot().getAttribute('aria-label')).toBe('replicas agree');
    expect(renders).toBeGreaterThan(before);
  });
});
