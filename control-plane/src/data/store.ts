import type { EffectRecord, EffectStore, HubEventMessage, HubStore } from '@inflow/shared-core';

// The control plane's persistence boundary. Every method is one atomic use-case step (a
// compare-and-set, an insert with its child rows), so a backend never exposes a half-written
// state and the domain never needs a backend-specific transaction API. Times are epoch ms.

export type Labels = Record<string, string>;

export interface GraphSummaryRecord {
  id: string;
  name: string;
  rev: number;
  createdAt: number;
  updatedAt: number;
}

/** One stored revision of a graph; `document` is the exportable JSON text, byte for byte. */
export interface GraphRevisionRecord {
  id: string;
  rev: number;
  name: string;
  document: string;
  createdAt: number;
}

export type GraphDeleteResult =
  { status: 'deleted' } | { status: 'missing' } | { status: 'running'; deployments: string[] };

export type GraphUpdateResult =
  | { status: 'updated'; rev: number }
  | { status: 'stale'; currentRev: number }
  | { status: 'missing' };

export interface AgentTokenRecord {
  /** Also the id of the agent that joins with this token. */
  id: string;
  /** When set, only an agent of this name may use the token. */
  name: string | null;
  /** Labels the admin fixed; they override the labels an agent claims. */
  labels: Labels;
  trusted: boolean;
  tokenHash: string;
  createdAt: number;
}

export interface AgentRecord {
  id: string;
  name: string;
  labels: Labels;
  /** From the agent's token: trust is granted by the admin, never claimed by the agent. */
  trusted: boolean;
  online: boolean;
  firstSeen: number;
  lastSeen: number;
}

export type AgentConnectResult =
  | { status: 'connected'; agent: AgentRecord }
  /** Another agent (or another token's reserved name) already has this name. */
  | { status: 'name-taken'; by: string }
  /** The token was revoked meanwhile. */
  | { status: 'no-token' };

export type DeploymentStatus = 'running' | 'stopped';

export interface DeploymentRecord {
  id: string;
  graphId: string;
  rev: number;
  status: DeploymentStatus;
  /** Bumped each time the deployment is placed again. */
  version: number;
  /** The placement plan as JSON text. */
  placement: string;
  createdAt: number;
  updatedAt: number;
  /** The running deployment of the same graph it took over from, carrying its state. */
  replaces?: string;
  /** The deployment that took over from it (read back; `insertDeployment` ignores it). */
  replacedBy?: string;
  /**
   * JSON text: by agent, the replicated variables it held under the plans before the current
   * one. Such an agent may still owe deltas of them, which the hub takes. None before the first
   * re-placement.
   */
  formerHosts?: string;
}

/** What a deployment that replaces another starts with, written with its row. */
export interface DeploymentSeed {
  /** The hub's encoded state of each carried variable. */
  states: ReadonlyMap<string, Uint8Array>;
  /** Effects already performed, recorded again under the new deployment. */
  effects: readonly EffectRecord[];
}

/** A hub event as the event log keeps it, numbered in the order it happened. */
export type StoredHubEvent = Omit<HubEventMessage, 'id'> & { seq: number };

export interface Store {
  getSetting(key: string): Promise<string | undefined>;
  putSetting(key: string, value: string): Promise<void>;

  /** Creates a graph at rev 1 together with its first revision. */
  insertGraph(graph: { id: string; name: string; document: string; at: number }): Promise<void>;
  /** Appends revision `baseRev + 1` if the graph is still at `baseRev`. */
  updateGraph(update: {
    id: string;
    baseRev: number;
    name: string;
    document: string;
    at: number;
  }): Promise<GraphUpdateResult>;
  /** The current revision, or revision `rev` when given. */
  getGraph(id: string, rev?: number): Promise<GraphRevisionRecord | undefined>;
  listGraphs(): Promise<GraphSummaryRecord[]>;
  /**
   * Deletes a graph with its revisions and its stopped deployments (their hub state and effects
   * too), all or nothing; refused while one of its deployments runs.
   */
  deleteGraph(id: string): Promise<GraphDeleteResult>;

  /** `name-taken` when a named token or a connected agent already has the name. */
  insertAgentToken(token: AgentTokenRecord): Promise<'created' | 'name-taken'>;
  findAgentTokenByHash(tokenHash: string): Promise<AgentTokenRecord | undefined>;
  getAgentToken(id: string): Promise<AgentTokenRecord | undefined>;
  listAgentTokens(): Promise<AgentTokenRecord[]>;
  /** Deletes the token and the agent that used it; false if there was none. */
  deleteAgentToken(id: string): Promise<boolean>;

  /** Creates or updates the agent of token `id` and marks it online. */
  recordAgentConnected(agent: {
    id: string;
    name: string;
    labels: Labels;
    at: number;
  }): Promise<AgentConnectResult>;
  recordAgentDisconnected(id: string, at: number): Promise<void>;
  /** After a restart nobody is connected yet, whatever the last process left behind. */
  markAllAgentsOffline(at: number): Promise<void>;
  listAgents(): Promise<AgentRecord[]>;

  /** Inserts a deployment and, all or nothing, the state and effects it starts with. */
  insertDeployment(deployment: DeploymentRecord, seed?: DeploymentSeed): Promise<void>;
  /**
   * Records a new placement with the former hosts it leaves (see DeploymentRecord), both or
   * neither, if the deployment is still at `version - 1` and running.
   */
  updatePlacement(update: {
    id: string;
    version: number;
    placement: string;
    formerHosts: string;
    at: number;
  }): Promise<boolean>;
  stopDeployment(id: string, at: number): Promise<boolean>;
  getDeployment(id: string): Promise<DeploymentRecord | undefined>;
  listDeployments(): Promise<DeploymentRecord[]>;

  /**
   * Appends events, in order, and in the same write forgets all but the newest `keep` (by
   * number).
   */
  appendHubEvents(events: readonly StoredHubEvent[], keep: number): Promise<void>;
  /** The newest `limit` events, oldest first. */
  recentHubEvents(limit: number): Promise<StoredHubEvent[]>;

  /**
   * The hub's replicas of every variable and the side-effect ledger. Synchronous, because the
   * hub acknowledges a delta only once it is stored, in the same turn that it merges it.
   */
  readonly hub: HubStore;
  readonly effects: EffectStore;

  close(): Promise<void>;
}
