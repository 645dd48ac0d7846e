import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useStore } from 'zustand';
import type { LiveState, LiveStore } from './live-store';
import type { Convergence } from './ConvergenceMark';
import { createPacedValues, type NodeLive, type PacedValues } from './paced-values';

const LiveStoreContext = createContext<{ store: LiveStore; paced: PacedValues } | null>(null);

/** Provides the live store; it may sit outside `<App>`, as context passes through it. */
export function LiveStoreProvider({ store, children }: { store: LiveStore; children: ReactNode }) {
  const [paced] = useState(() => {
    const created = createPacedValues();
    created.offer(store.getState().monitor);
    return created;
  });
  useEffect(() => {
    paced.offer(store.getState().monitor);
    const unsubscribe = store.subscribe((s, before) => {
      if (s.monitor !== before.monitor) paced.offer(s.monitor);
    });
    return () => {
      unsubscribe();
      paced.dispose();
    };
  }, [store, paced]);
  const value = useMemo(() => ({ store, paced }), [store, paced]);
  return <LiveStoreContext.Provider value={value}>{children}</LiveStoreContext.Provider>;
}

function useLiveContext() {
  const context = useContext(LiveStoreContext);
  if (!context) throw new Error('the live store needs a <LiveStoreProvider> above it');
  return context;
}

export function useLiveStore(): LiveStore {
  return useLiveContext().store;
}

/** A narrow selector on the live store; return primitives or stable objects only. */
export function useLive<T>(selector: (state: LiveState) => T): T {
  return useStore(useLiveStore(), selector);
}

/** One node's live value as the canvas shows it: paced, and re-rendering only that node. */
export function useNodeLive(nodeId: string): NodeLive | undefined {
  const { paced } = useLiveContext();
  const subscribe = useCallback(
    (listener: () => void) => paced.subscribe(nodeId, listener),
    [paced, nodeId],
  );
  const get = useCallback(() => paced.get(nodeId), [paced, nodeId]);
  return useSyncExternalStore(subscribe, get);
}

/**
 * One node's convergence as the canvas shows it, without its value: the node re-renders when its
 * replicas' agreement changes, not on each new value (for views too far out to show values).
 */
export function useNodeConvergence(nodeId: string): Convergence | undefined {
  const { paced } = useLiveContext();
  const subscribe = useCallback(
    (listener: () => void) => paced.subscribe(nodeId, listener),
    [paced, nodeId],
  );
  // The last answer, handed out again while it still holds: a snapshot must compare equal.
  const last = useRef<Convergence | undefined>(undefined);
  const get = useCallback(() => {
    const v = paced.get(nodeId)?.variable;
    const was = last.current;
    if (v === undefined) return (last.current = undefined);
    if (was?.agree === v.agree && was.inSync === v.inSync && was.replicas === v.replicas)
      return was;
    return (last.current = { agree: v.agree, inSync: v.inSync, replicas: v.replicas });
  }, [paced, nodeId]);
  return useSyncExternalStore(subscribe, get);
}
