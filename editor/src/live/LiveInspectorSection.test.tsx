// @vitest-environment jsdom
import type { DeploymentSnapshot } from '@inflow/shared-core';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotFor } from './fake-control-plane';
import { LiveInspectorSection } from './LiveInspectorSection';
import { openAdCounter } from './open-ad-counter';

afterEach(cleanup);

describe('the live part of the inspector', () => {
  it('re-renders on a live update only when what it shows changes: an example key, an agent online', async () => {
    let renders = 0;
    const r = await openAdCounter(
      <Profiler id="inspector" onRender={() => renders++}>
        <LiveInspectorSection nodeId="impressions" />
      </Profiler>,
      (rig) => {
        const d = rig.server.addDeployment('g_1', 1);
        const replicated = { value: {}, replicas: 3, inSync: 3, agree: true };
        d.variables = { impressions: { type: 'gmap', ...replicated } };
        return d;
      },
    );
    const update = (online: string[], impressions: Record<string, number>) =>
      act(() =>
        r.live.getState().receiveSnapshot(
          snapshotFor(r.made.id, online, 1, {
            impressions: { value: impressions, replicas: 3, inSync: 3, agree: true },
          } satisfies DeploymentSnapshot['variables']),
        ),
      );
    const key = () => screen.getByTestId('poke-key').getAttribute('placeholder');
    await update(['server-1'], { 'rovio-1': 1 });
    await waitFor(() => expect(key()).toBe('rovio-1'));

    const before = renders;
    for (let n = 2; n < 12; n += 1) await update(['server-1'], { 'rovio-1': n, 'rovio-2': n });
    expect(renders).toBe(before);

    await update(['server-1'], { 'zynga-1': 1 });
    await waitFor(() => expect(key()).toBe('zynga-1'));
    const agent = () =>
      screen.getByRole<HTMLOptionElement>('option', { name: /client-1/ }).disabled;
    expect(agent()).toBe(true);
    await update(['server-1', 'client-1'], { 'zynga-1': 2 });
    await waitFor(() => expect(agent()).toBe(false));
    expect(renders).toBeGreaterThan(before);
  });
});
