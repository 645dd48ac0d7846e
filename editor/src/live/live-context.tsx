import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { LiveState, LiveStore } from './live-store';

const LiveStoreContext = createContext<LiveStore | null>(null);

/** Provides the live store; it may sit outside `<App>`, as context passes through it. */
export function LiveStoreProvider({ store, children }: { store: LiveStore; children: ReactNode }) {
  return <LiveStoreContext.Provider value={store}>{children}</LiveStoreContext.Provider>;
}

export function useLiveStore(): LiveStore {
  const store = useContext(LiveStoreContext);
  if (!store) throw new Error('useLiveStore needs a <LiveStoreProvider> above it');
  return store;
}

/** A narrow selector on the live store; return primitives or stable objects only. */
export function useLive<T>(selector: (state: LiveState) => T): T {
  return useStore(useLiveStore(), selector);
}
