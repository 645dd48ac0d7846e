// @vitest-environment jsdom
import type { HubEventMessage } from '@inflow/shared-core';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EventLog } from './EventLog';
import { openAdCounter } from './open-ad-counter';

afterEach(cleanup);

const kinds = () => screen.queryAllByRole('listitem').map((li) => li.dataset.kind);
const filter = (id: string) => screen.getByTestId(`event-filter-${id}`);

async function withEvents(events: HubEventMessage['kind'][]) {
  const r = await openAdCounter(<EventLog />, () => undefined);
  act(() => {
    events.forEach((kind, i) =>
      r.live.getState().receiveEvent({ id: `e${i}`, at: i * 1000, kind, message: kind }),
    );
  });
  return r;
}

describe('the event log', () => {
  it('says nothing happened yet, with no filters to press', async () => {
    await withEvents([]);
    expect(screen.getByTestId('event-log').textContent).toContain('Nothing has happened');
    expect(screen.queryByTestId('event-filter-deploys')).toBeNull();
  });

  it('hides and shows each kind, newest first, counting each', async () => {
    await withEvents(['deploy', 'agent-left', 'effect', 'agent-joined', 'error']);
    expect(kinds()).toEqual(['error', 'agent-joined', 'effect', 'agent-left', 'deploy']);
    expect(filter('agents').textContent).toBe('agents 2');
    // No placement event: nothing to filter.
    expect(screen.queryByTestId('event-filter-placement')).toBeNull();

    fireEvent.click(filter('agents'));
    expect(filter('agents').getAttribute('aria-pressed')).toBe('false');
    expect(kinds()).toEqual(['error', 'effect', 'deploy']);
    fireEvent.click(filter('deploys'));
    fireEvent.click(filter('effects'));
    fireEvent.click(filter('errors'));
    expect(kinds()).toEqual([]);
    expect(screen.getByTestId('event-log-all-hidden')).toBeTruthy();
    fireEvent.click(filter('agents'));
    expect(kinds()).toEqual(['agent-joined', 'agent-left']);
    expect(screen.getByTestId('event-0').dataset.kind).toBe('agent-joined');
  });

  it('clears the log; what arrives next is shown, unless its kind is hidden', async () => {
    const r = await withEvents(['deploy', 'effect']);
    fireEvent.click(filter('effects'));
    fireEvent.click(screen.getByTestId('event-log-clear'));
    expect(kinds()).toEqual([]);
    expect(r.live.getState().events).toEqual([]);
    act(() =>
      r.live.getState().receiveEvent({ id: 'e5', at: 5000, kind: 'error', message: 'boom' }),
    );
    act(() =>
      r.live.getState().receiveEvent({ id: 'e6', at: 6000, kind: 'effect', message: 'done' }),
    );
    expect(kinds()).toEqual(['error']);
    // The hidden kind keeps its filter, empty or not, so it can be shown again.
    expect(filter('effects').textContent).toBe('effects 1');
    expect(screen.queryByTestId('event-filter-deploys')).toBeNull();
    fireEvent.click(filter('effects'));
    expect(kinds()).toEqual(['effect', 'error']);
  });
});
