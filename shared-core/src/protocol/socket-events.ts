import type { AgentMetrics, Assignment, EffectClaim, OperationRequest } from './agent-messages.js';
import type { LocalValue } from './local-values.js';
import type { SinkLineView } from './sink-output.js';
import type { DisconnectReason } from './protocol-version.js';
import type { AckMessage, DeltaMessage, DigestMessage } from './replication-messages.js';

// socket.io event maps, declared once and used as the type parameters of the server
// (`Server<AgentToServerEvents, ServerToAgentEvents>`) and of the agent's client socket.

/** A reply through a socket.io acknowledgement: the result or a specific error. */
export type Reply<T> = (result: { ok: true; value: T } | { ok: false; error: string }) => void;

export interface AgentToServerEvents {
  delta: (message: DeltaMessage) => void;
  ack: (message: AckMessage) => void;
  /** The hub replies with the delta the agent is missing, and sends its own digest back. */
  digest: (message: DigestMessage) => void;
  metrics: (metrics: AgentMetrics) => void;
  /** Granted once per (deployment, node, key) across all agents and restarts. */
  claimEffect: (claim: EffectClaim, reply: Reply<{ granted: boolean }>) => void;
  /** The holder of a granted claim performed it; nobody is granted it again. */
  completeEffect: (claim: EffectClaim) => void;
}

/** Why the hub refused a message, sent back to the agent that sent it. */
export interface Refusal {
  event: string;
  code: string;
  reason: string;
  /**
   * The deployment and variable the refused message named, so the agent can tell the replica
   * concerned (a refused digest is answered for its catch-up). Absent when the hub could not
   * read them: a message that names none, or whose names are malformed.
   */
  deployment?: string;
  variable?: string;
}

export interface ServerToAgentEvents {
  /** The agent replies once it runs the share (or why it cannot). */
  assign: (assignment: Assignment, reply: Reply<{ replica: string }>) => void;
  unassign: (deployment: string) => void;
  /** Apply an operation at this agent's replica; the reply comes once it is durable. */
  apply: (request: OperationRequest, reply: Reply<null>) => void;
  delta: (message: DeltaMessage) => void;
  ack: (message: AckMessage) => void;
  digest: (message: DigestMessage) => void;
  refused: (refusal: Refusal) => void;
  closing: (reason: DisconnectReason) => void;
}

/** A throttled view of a deployment for editors (at most ~10 per second). */
export interface DeploymentSnapshot {
  deployment: string;
  status: string;
  /**
   * The placement version: when it moves on, `GET /api/deployments/:id` has a new plan, or new
   * placement problems (an agent gone, and its work not placeable elsewhere; or back).
   */
  version: number;
  /** Per replicated variable: its value at the hub, its replicas (the hub's included), how many
   * agent replicas have acknowledged everything, and whether all of them agree with the hub. */
  variables: Record<string, { value: unknown; replicas: number; inSync: number; agree: boolean }>;
  /** Per local (dynamic) variable: each online holder's copy, as that agent last reported it. */
  local: Record<string, Record<string, LocalValue>>;
  /** Per sink: its latest lines on the online agents, newest first. */
  sinks: Record<string, SinkLineView[]>;
  agents: Array<{
    name: string;
    online: boolean;
    nodes: string[];
    opsPerSecond: number;
    unacked: number;
  }>;
}

export const HUB_EVENT_KINDS = [
  'deploy',
  'stop',
  'agent-joined',
  'agent-left',
  'placement',
  'effect',
  'error',
] as const;

/** Something that happened, for the editor's event log. */
export interface HubEventMessage {
  /**
   * The same event keeps its id across restarts of the control plane, and no other event gets it
   * (a random prefix per store and a sequence number), so an editor can merge a `history` with
   * the events it already holds.
   */
  id: string;
  at: number;
  deployment?: string;
  kind: (typeof HUB_EVENT_KINDS)[number];
  message: string;
  /** The graph node (or variable) it concerns, so the editor can show it there as well. */
  node?: string;
}

export interface EditorToServerEvents {
  watch: (deployment: string, reply: Reply<DeploymentSnapshot>) => void;
  unwatch: (deployment: string) => void;
}

export interface ServerToEditorEvents {
  snapshot: (snapshot: DeploymentSnapshot) => void;
  event: (event: HubEventMessage) => void;
  /**
   * Sent once on each connection: the most recent events (a bounded number), oldest first, so an
   * editor that opens or reconnects sees what happened while it was away.
   */
  history: (events: HubEventMessage[]) => void;
}
