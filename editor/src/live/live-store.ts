import type { DeploymentSnapshot, GraphDocument, HubEventMessage } from '@inflow/shared-core';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { EditorStore } from '../store/editor-store';
import { planAgents } from './agent-colours';
import { runDeploy } from './deploy-flow';
import { isBusy, phaseAfterSnapshot, type DeployPhase } from './deploy-phase';
import type { DeploymentView } from '@inflow/shared-core';
import { LiveApi, type AgentInfo, type PokeRequest } from './live-api';
import type { LinkState, LiveLink } from './live-link';
import { applySnapshot, EMPTY_MONITOR, tickMonitor, type Monitor } from './monitor';

/** The deployment the editor shows: the open graph's running one. */
export interface ShownDeployment {
  id: string;
  graphId: string;
  rev: number;
  version: number;
}

export type PokeOutcome = { ok: true; text: string } | { ok: false; text: string };

export interface LiveState {
  deployment: ShownDeployment | undefined;
  /** `GET /api/deployments/:id`: the plan and why, refetched when the plan's version moves. */
  details: DeploymentView | undefined;
  /** The document of the deployed revision, to tell what has not been deployed yet. */
  deployedDoc: GraphDocument | undefined;
  monitor: Monitor;
  /**
   * The open graph's deployment stopped: `monitor` keeps the values it last had, which the canvas
   * shows as final until a deploy, or until another graph opens.
   */
  final: { deployment: string; graphId: string } | undefined;
  phase: DeployPhase;
  /** Newest first, at most MAX_EVENTS. */
  events: readonly HubEventMessage[];
  agents: readonly AgentInfo[];
  /** `lost`: it was online, and is not now (the page starts offline until the socket is up). */
  link: { state: LinkState; message?: string; lost?: boolean };
  /** Shows the running deployment of a graph (or none): called whenever a graph is opened. */
  showGraph(graphId: string | undefined): Promise<void>;
  deploy(): Promise<void>;
  stop(): Promise<void>;
  poke(nodeId: string, request: PokeRequest): Promise<PokeOutcome>;
  receiveSnapshot(snapshot: DeploymentSnapshot): void;
  receiveEvent(event: HubEventMessage): void;
  /**
   * The control plane's recent events (oldest first), sent on each connection: merged into the
   * log by id, leaving out what was cleared.
   */
  receiveHistory(events: readonly HubEventMessage[]): void;
  /** Empties the event log; what it held does not come back with a later history. */
  clearEvents(): void;
  /** Called about once a second: quiet variables' rates decay to zero. */
  tick(): void;
  refreshAgents(): Promise<void>;
  /** The socket connected (again), or went away (`undefined`). */
  attachLink(link: LiveLink | undefined): void;
  setLinkState(state: LinkState, message?: string): void;
}

export type LiveStore = StoreApi<LiveState>;

export interface LiveDeps {
  editor: EditorStore;
  api: LiveApi;
  now: () => number;
}

export const MAX_EVENTS = 200;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** One store per editor: live state stays out of the document and its undo history. */
export function createLiveStore({ editor, api, now }: LiveDeps): LiveStore {
  let link: LiveLink | undefined;
  // Each new view of a deployment bumps it, so an answer for an older view is dropped.
  let generation = 0;
  // Each look-up of a graph's running deployment bumps it: only the latest may change the view.
  let lookups = 0;
  let deploying = false;
  let stoppedWhileDeploying = false;
  // What the user cleared: its ids, and the newest time among them (the control plane's clock,
  // so the browser's does not matter), before which a history's events count as cleared too.
  let cleared = { ids: new Set<string>(), through: -Infinity };

  return createStore<LiveState>()((set, get) => {
    const failed = (what: string, e: unknown) => {
      if (e instanceof ApiError && e.status === 401) {
        editor.getState().signOut('The admin token is no longer accepted; sign in again.');
      } else editor.getState().showStatus('error', `${what} failed: ${errorText(e)}`);
    };

    const watch = (id: string) => {
      link?.watch(id).then(
        (snapshot) => get().receiveSnapshot(snapshot),
        (e: unknown) => {
          if (get().deployment?.id === id) failed('Watching the deployment', e);
        },
      );
    };

    const loadDetails = async (id: string, gen: number) => {
      try {
        const details = await api.get(id);
        if (gen !== generation) return;
        const { phase, monitor, deployment } = get();
        const agents = planAgents(details.placement);
        let next = phase;
        if (phase.step === 'sending' || phase.step === 'running') next = { ...phase, agents };
        if (monitor.snapshot) next = phaseAfterSnapshot(next, monitor.snapshot);
        set({
          details,
          phase: next,
          deployment: deployment && { ...deployment, version: details.version },
        });
      } catch (e) {
        if (gen === generation) failed('Loading the deployment', e);
      }
    };

    const loadDeployedDoc = async (graphId: string, rev: number, gen: number) => {
      try {
        const stored = await editor.getState().api.get(graphId, rev);
        if (gen === generation) set({ deployedDoc: stored.graph });
      } catch (e) {
        if (gen === generation) failed(`Loading rev ${rev} of the graph`, e);
      }
    };

    // What events the editor had not seen mean for the rest of the live view.
    const follow = (events: readonly HubEventMessage[]) => {
      const { deployment } = get();
      if (events.some((e) => e.kind === 'agent-joined' || e.kind === 'agent-left'))
        void get().refreshAgents();
      if (events.some((e) => e.kind === 'stop' && e.deployment === deployment?.id)) {
        // While deploying, it stops because the new deployment took over from it.
        if (deploying) stoppedWhileDeploying = true;
        else {
          show(undefined, { step: 'stopped' });
          // Another editor's redeploy announces the new deployment, then stops the old one:
          // the stop can overtake the look-up the announcement started, so look again.
          void get().showGraph(editor.getState().remote?.id);
        }
      } else if (events.some((e) => e.kind === 'deploy' && e.deployment !== deployment?.id)) {
        // Someone else may have deployed the open graph.
        void get().showGraph(editor.getState().remote?.id);
      }
    };

    /**
     * A failed deploy or stop left its message where the progress goes; once the control plane
     * answers again (a reconnect, a save), the deployment shown is what runs, and that shows.
     */
    const resume = () => {
      const { phase, deployment, details, monitor } = get();
      if (phase.step !== 'failed' || !deployment) return;
      const agents = details ? planAgents(details.placement) : [];
      const running: DeployPhase = { step: 'running', agents, online: 0 };
      set({ phase: monitor.snapshot ? phaseAfterSnapshot(running, monitor.snapshot) : running });
    };
    editor.subscribe((now, before) => {
      if (now.saved !== undefined && now.saved !== before.saved) resume();
    });

    const show = (deployment: ShownDeployment | undefined, phase: DeployPhase) => {
      const previous = get().deployment;
      if (previous && previous.id !== deployment?.id) link?.unwatch(previous.id);
      generation += 1;
      // A stop keeps the last values, as the API keeps a stopped deployment's final state.
      const final =
        phase.step === 'stopped' && !deployment && previous
          ? { deployment: previous.id, graphId: previous.graphId }
          : undefined;
      set({
        deployment,
        details: undefined,
        deployedDoc: undefined,
        monitor: final ? get().monitor : EMPTY_MONITOR,
        final,
        phase,
      });
      if (!deployment) return;
      if (deployment.graphId === editor.getState().remote?.id) {
        void editor.getState().newerRevision(deployment.rev);
      }
      void loadDetails(deployment.id, generation);
      void loadDeployedDoc(deployment.graphId, deployment.rev, generation);
      watch(deployment.id);
    };

    return {
      deployment: undefined,
      details: undefined,
      deployedDoc: undefined,
      monitor: EMPTY_MONITOR,
      final: undefined,
      phase: { step: 'idle' },
      events: [],
      agents: [],
      link: { state: 'offline' },

      showGraph: async (graphId) => {
        if (deploying) return;
        if (graphId === undefined) return show(undefined, { step: 'idle' });
        const lookup = ++lookups;
        const gen = generation;
        try {
          const running = (await api.list())
            .filter((d) => d.graphId === graphId && d.status === 'running')
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
          if (lookup !== lookups || gen !== generation || deploying) return;
          const { deployment, final } = get();
          // The same (or no) deployment: nothing to change, but the final values of another graph.
          const othersFinal = final !== undefined && final.graphId !== graphId;
          if (running?.id === deployment?.id && (running || !othersFinal)) return;
          if (!running) return show(undefined, { step: 'idle' });
          show(running, { step: 'running', agents: [], online: 0 });
        } catch (e) {
          if (lookup === lookups) failed('Listing the deployments', e);
        }
      },

      deploy: async () => {
        if (deploying || isBusy(get().phase)) return;
        deploying = true;
        const shown = get().deployment;
        try {
          // A deploy takes over from what runs of this graph, as a flow editor's Deploy does: the
          // control plane keeps the state of what did not change, then stops the old deployment.
          const outcome = await runDeploy({
            editor,
            report: (phase) => set({ phase }),
            running: get().deployment,
          });
          if (!outcome.ok || editor.getState().remote?.id !== outcome.graphId) return;
          const { deployed, graphId, rev } = outcome;
          const { phase } = get();
          show({ id: deployed.deploymentId, graphId, rev, version: deployed.version }, phase);
        } finally {
          deploying = false;
        }
        // Nothing took over from the deployment that stopped meanwhile (stopped elsewhere).
        if (stoppedWhileDeploying && get().deployment?.id === shown?.id) {
          show(undefined, { step: 'stopped' });
        }
        stoppedWhileDeploying = false;
      },

      stop: async () => {
        const deployment = get().deployment;
        if (!deployment || isBusy(get().phase)) return;
        set({ phase: { step: 'stopping' } });
        try {
          await api.stop(deployment.id);
        } catch (e) {
          // Already stopped (409) is what was asked for.
          if (!(e instanceof ApiError && e.status === 409)) {
            set({ phase: { step: 'failed', message: `Stop failed: ${errorText(e)}` } });
            return;
          }
        }
        if (get().deployment?.id === deployment.id) show(undefined, { step: 'stopped' });
      },

      poke: async (nodeId, request) => {
        const deployment = get().deployment;
        if (!deployment) return { ok: false, text: 'Nothing is deployed' };
        try {
          const { appliedAt, applied } = await api.poke(deployment.id, nodeId, request);
          const where = appliedAt === 'hub' ? 'the hub' : appliedAt;
          return {
            ok: true,
            text: `Applied ${applied} operation${applied === 1 ? '' : 's'} at ${where}`,
          };
        } catch (e) {
          if (e instanceof ApiError && e.status === 401) failed('Applying', e);
          return { ok: false, text: errorText(e) };
        }
      },

      receiveSnapshot: (snapshot) => {
        const { deployment, monitor, phase } = get();
        if (!deployment || snapshot.deployment !== deployment.id) return;
        set({
          monitor: applySnapshot(monitor, snapshot, now()),
          phase: phaseAfterSnapshot(phase, snapshot),
        });
        // A re-placement moved the plan on: fetch the new one (and why).
        if (snapshot.version !== deployment.version) {
          set({ deployment: { ...deployment, version: snapshot.version } });
          void loadDetails(deployment.id, generation);
        }
      },

      clearEvents: () => {
        const { events } = get();
        cleared = {
          ids: new Set(events.map((e) => e.id)),
          through: Math.max(cleared.through, ...events.map((e) => e.at)),
        };
        set({ events: [] });
      },

      receiveEvent: (event) => {
        set({ events: [event, ...get().events].slice(0, MAX_EVENTS) });
        follow([event]);
      },

      receiveHistory: (history) => {
        const held = get().events;
        const known = new Set(held.map((e) => e.id));
        const unseen = history.filter(
          (e) => !known.has(e.id) && !cleared.ids.has(e.id) && e.at >= cleared.through,
        );
        if (unseen.length === 0) return;
        // Newest first by the control plane's clock. The sort is stable: within one millisecond
        // the held events stay above, and the history's own are newest first as well.
        const merged = [...held, ...[...unseen].reverse()].sort((a, b) => b.at - a.at);
        set({ events: merged.slice(0, MAX_EVENTS) });
        follow(unseen);
      },

      tick: () => {
        const { monitor } = get();
        const next = tickMonitor(monitor, now());
        if (next !== monitor) set({ monitor: next });
      },

      refreshAgents: async () => {
        try {
          set({ agents: await api.agents() });
        } catch (e) {
          failed('Listing the agents', e);
        }
      },

      attachLink: (next) => {
        link = next;
        const id = get().deployment?.id;
        if (link && id !== undefined) watch(id);
      },

      setLinkState: (state, message) => {
        const { link: before } = get();
        const lost = state !== 'online' && (before.state === 'online' || before.lost === true);
        set({
          link: { state, ...(message === undefined ? {} : { message }), ...(lost ? { lost } : {}) },
        });
        if (state === 'online' && before.lost === true) resume();
      },
    };
  });
}

/** The browser's fetch and clock, with the editor's admin token, on the page's own origin. */
export function browserLiveDeps(editor: EditorStore): LiveDeps {
  const client = new ApiClient({
    fetch: (input, init) => window.fetch(input, init),
    token: () => editor.getState().token,
  });
  return { editor, api: new LiveApi(client), now: () => Date.now() };
}
