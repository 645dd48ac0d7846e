import type { DeploymentSnapshot } from '@inflow/shared-core';
import { useEffect } from 'react';
import { useEditor } from '../store/editor-context';
import { createFrameBatcher } from './frame-batcher';
import { useLiveStore } from './live-context';
import { connectLive } from './live-link';
import { TICK_MS } from './monitor';

/**
 * Connects the live store to the world while the user is signed in: the `/editor` socket (its
 * snapshots coalesced to one store update per animation frame), the agents list, a clock for
 * decaying rates, and the running deployment of whichever graph is open. Renders nothing.
 */
export function LiveSession() {
  const live = useLiveStore();
  const token = useEditor((s) => s.token);
  const graphId = useEditor((s) => s.remote?.id);

  useEffect(() => {
    if (token === undefined) return;
    const s = () => live.getState();
    const batcher = createFrameBatcher<DeploymentSnapshot>((snapshot) =>
      s().receiveSnapshot(snapshot),
    );
    const connection = connectLive(token, {
      snapshot: (snapshot) => batcher.push(snapshot),
      event: (event) => s().receiveEvent(event),
      history: (events) => s().receiveHistory(events),
      connected: (link) => s().attachLink(link),
      state: (state, message) => s().setLinkState(state, message),
    });
    void s().refreshAgents();
    const timer = window.setInterval(() => s().tick(), TICK_MS);
    return () => {
      window.clearInterval(timer);
      batcher.cancel();
      s().attachLink(undefined);
      connection.close();
      s().setLinkState('offline');
    };
  }, [live, token]);

  useEffect(() => {
    void live.getState().showGraph(token === undefined ? undefined : graphId);
  }, [live, token, graphId]);

  return null;
}
