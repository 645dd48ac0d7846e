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
import { agentsOfNode } from './agent-colours';
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

/** What the canvas shows of where a node runs: all of it changes with a deploy, none with a value. */
export interface NodeRun {
  /** Whether a deployment runs (so the node shows its placement and live state). */
  shown: boolean;
  /** The deployment that stopped with this state, shown as final while none runs. */
  stopped: string | undefined;
  /** The agents that run or hold it, once the plan is known. */
  agents: readonly string[] | undefined;
  /** A variable's type, as deployed. */
  type: string | undefined;
  /** A local (dynamic) variable's type and holders. */
  local: NonNullable<LiveState['details']>['local'][string] | undefined;
}

/**
 * One node's placement and deployment state, through one subscription that answers from its
 * last result while the deployment is unchanged: each of the many live values that arrive a
 * second then costs every node on the canvas a few comparisons, not a selector per field.
 */
export function useNodeRun(nodeId: string): NodeRun {
  const last = useRef<{ from: readonly unknown[]; run: NodeRun } | undefined>(undefined);
  const select = useCallback(
    (s: LiveState): NodeRun => {
      const from = [nodeId, s.deployment, s.details, s.final];
      const was = last.current;
      if (was && from.every((x, i) => x === was.from[i])) return was.run;
      const run: NodeRun = {
        shown: s.deployment !== undefined,
        stopped: s.final?.deployment,
        agents: s.details ? agentsOfNode(s.details.placement, nodeId) : undefined,
        type: s.details?.variables[nodeId]?.type,
        local: s.details?.local[nodeId],
      };
      last.current = { from, run };
      return run;
    },
    [nodeId],
  );
  return useLive(select);
}
