import type { Logger } from 'pino';
import type { AgentFatalError } from './agent-errors.js';

export interface AgentOptions {
  /** The control plane, e.g. `http://10.0.0.5:4000` (the agent connects to its `/agent` namespace). */
  url: string;
  /** The per-agent token an admin created with `POST /api/agent-tokens`. */
  token: string;
  /** 1-64 letters, digits, `_ . -`; unique among the control plane's agents. */
  name: string;
  /** Placement labels such as `{ role: 'client' }` (labels fixed on the token win). */
  labels?: Record<string, string>;
  /** Ask to perform side effects; granted only if the token is trusted too. */
  trusted?: boolean;
  /** The most graph node replicas the control plane may place here; unlimited if absent. */
  capacity?: number;
  /** Keep the replica state, the instance id and the assignments here; in memory if absent. */
  dataDir?: string;
  /** A pino logger (default: warnings and errors on stdout). */
  logger?: Logger;
  /** Local updates are batched and sent every this many ms (default 50). */
  syncIntervalMs?: number;
  /** Metrics go to the control plane every this many ms (default 1000). */
  metricsIntervalMs?: number;
  /**
   * Every this many ms the agent exchanges digests with the hub besides on (re)connect, so a
   * message lost by a bug or a crash window is repaired without a reconnect (default 30000).
   */
  antiEntropyIntervalMs?: number;
  /**
   * A deployment that ends here first sends the deltas the hub has not acknowledged; it is
   * dropped once they are, or after this many ms without (default 10000).
   */
  drainTimeoutMs?: number;
}

/** A deployment this agent runs. */
export interface DeploymentInfo {
  deployment: string;
  version: number;
  /** This agent's replica id in it. */
  replica: string;
  /** The replicated variables it holds. */
  variables: string[];
}

/** Which deployment a call means, when more than one on this agent holds the variable. */
export interface TargetOptions {
  deployment?: string;
}

export interface AgentEvents {
  /** A deployment started here, or was rebuilt at a new version. */
  assigned: (deployment: DeploymentInfo) => void;
  unassigned: (deployment: string) => void;
  connected: () => void;
  disconnected: (reason: string) => void;
  /** The agent stopped for good (a refused token, a failed store); it does not restart. */
  fatal: (error: AgentFatalError) => void;
}

export interface Agent {
  readonly name: string;
  /** Names this agent's durable state; its replica ids are `<name>.<instance>`. */
  readonly instance: string;
  readonly connected: boolean;
  readonly stopped: boolean;
  /**
   * Applies an operation (`{ op: 'increment' }`, `{ op: 'add', value }`, ...) to a variable at
   * once, durable before it returns; replicated on the next sync interval. Throws an AgentError
   * when no (or more than one) deployment here holds the variable, or the op is invalid for it.
   */
  update(
    variable: string,
    op: { op: string; [argument: string]: unknown },
    options?: TargetOptions,
  ): void;
  /**
   * Applies operations in order as one durable commit (one fsync for the batch, where `update`
   * takes one each): for an application that records many updates at once. Every op is checked
   * first; one that fails its precondition stops the batch, with those before it applied.
   */
  updateAll(
    variable: string,
    ops: ReadonlyArray<{ op: string; [argument: string]: unknown }>,
    options?: TargetOptions,
  ): void;
  /** The variable's current value here. */
  query(variable: string, options?: TargetOptions): unknown;
  /**
   * Calls `fn` with the value after every change (strict inflation) here, local or replicated.
   * A variable no deployment holds yet is watched from when one does. Returns the unsubscribe.
   */
  subscribe(variable: string, fn: (value: unknown) => void, options?: TargetOptions): () => void;
  deployments(): DeploymentInfo[];
  on<K extends keyof AgentEvents>(event: K, fn: AgentEvents[K]): () => void;
  /** Closes the connection and the store; the agent cannot be used after. */
  stop(): Promise<void>;
}
