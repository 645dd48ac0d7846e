import {
  ElementError,
  elementText,
  encodeState,
  installGraph,
  latticeVariables,
  OpError,
  ReplicaEndpoint,
  LocalValueReporter,
  MAX_DELTA_MESSAGE_BYTES,
  Runtime,
  type AnyCrdtType,
  type Assignment,
  type LocalValue,
  type ReplicaEndpointStats,
  type ReplicaLog,
  type RuntimeIssueReport,
  SinkOutput,
  type SinkLine,
  type SyncEvent,
  type SyncLink,
  type SyncMessages,
  type SyncResult,
} from '@inflow/shared-core';
import type { Logger } from 'pino';
import { AgentError } from './agent-errors.js';
import { deliverSink } from './sink-delivery.js';
import { EffectGate, type EffectChannel } from './effect-gate.js';
import { IssueDigest } from './issue-digest.js';
import { LocalCopies, type LocalCopySource, type LocalStart } from './local-copies.js';
import { parseWith } from './wire-messages.js';

export interface RunnerOptions {
  log: ReplicaLog;
  logger: Logger;
  /** Passed to the endpoint: compact a variable's log after this many acknowledged deltas. */
  compactEvery?: number;
  /** The first delay before asking again for an effect claim that got no answer. */
  effectRetryMs?: number;
  /** This agent's copies in the deployments it replaced, to start its local variables from. */
  copies?: LocalCopySource;
}

/**
 * One deployment on this agent: a Runtime running the agent's share of the graph, its
 * ReplicaEndpoint (batching: the agent flushes it on an interval) over the agent's log, and the
 * gate of its enforce_once effects. Built from the log, so a rebuilt or restarted runner resumes
 * its state and its dot counters.
 */
export class DeploymentRunner {
  readonly deployment: string;
  readonly version: number;
  readonly replica: string;
  readonly runtime: Runtime;
  readonly endpoint: ReplicaEndpoint;
  readonly gate: EffectGate;
  /** Its local (dynamic) variables: each agent keeps its own copy and the hub none. */
  readonly localVariables: readonly string[];
  private readonly locals: LocalCopies;
  private readonly localReports = new LocalValueReporter();
  private readonly log: ReplicaLog;
  /** What went wrong in the share without stopping it, for the next metrics report. */
  private readonly issues = new IssueDigest();
  private readonly sinks = new SinkOutput();
  private closed = false;

  /** Installs the share and restores its replicated variables; throws if either fails. */
  static start(assignment: Assignment, options: RunnerOptions): DeploymentRunner {
    return new DeploymentRunner(assignment, options);
  }

  private constructor(
    readonly assignment: Assignment,
    options: RunnerOptions,
  ) {
    const { deployment, version, replica, graph } = assignment;
    const logger = options.logger.child({ deployment, version });
    this.log = options.log;
    this.deployment = deployment;
    this.version = version;
    this.replica = replica;
    this.runtime = new Runtime({
      replica,
      onIssue: ({ where, message, element }) => {
        logger.warn(
          { where, ...(element === undefined ? {} : { element: elementText(element) }) },
          message,
        );
        this.issues.note(where, message, element);
      },
    });
    this.gate = new EffectGate(deployment, options.logger, {
      ...(options.effectRetryMs === undefined ? {} : { firstRetryMs: options.effectRetryMs }),
      onFailure: (node, error) =>
        this.issues.note(
          node,
          `effect failed: ${error instanceof Error ? error.message : String(error)}`,
          error instanceof ElementError ? error.element : undefined,
        ),
    });
    try {
      installGraph(this.runtime, graph, {
        share: { nodes: assignment.nodes, variables: assignment.variables },
        membership: () => assignment.executors,
        onSink: async (sink) => {
          try {
            this.sinks.record(sink.node, Date.now(), await deliverSink(sink, deployment, logger));
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            this.sinks.record(sink.node, Date.now(), `failed: ${reason}`);
            throw error;
          }
        },
        effects: this.gate.request,
      });
      const { replicated, local } = latticeVariables(graph);
      this.localVariables = this.runtime.ids().filter((id) => local.has(id));
      this.endpoint = ReplicaEndpoint.restore(this.runtime, options.log, {
        deployment,
        variables: this.runtime.ids().filter((id) => replicated.has(id)),
        // A variable a re-placement moved away may still owe the hub deltas made here.
        deploymentVariables: replicated,
        batch: true,
        ...(options.compactEvery === undefined ? {} : { compactEvery: options.compactEvery }),
        onOversize: (variable, bytes) => {
          const message = `a part of ${variable} of ${bytes} bytes cannot be replicated: one message to the hub carries at most ${MAX_DELTA_MESSAGE_BYTES} bytes, so it stays on this agent only`;
          logger.error({ variable, bytes }, message);
          this.issues.note(variable, message);
        },
      });
      const locals = new Map(this.localVariables.map((id) => [id, local.get(id) as AnyCrdtType]));
      // After the endpoint: what the local copies derive is logged and sent like any update.
      this.locals = new LocalCopies(
        this.runtime,
        options.log,
        deployment,
        locals,
        assignment.carry,
        options.copies,
      );
    } catch (error) {
      this.gate.close();
      throw error;
    }
    for (const start of this.locals.started) this.reportStart(start, logger);
  }

  /** How a local variable carried from a replaced deployment started: said, and lost state loudly. */
  private reportStart(start: LocalStart, logger: Logger): void {
    const { variable } = start;
    if ('kept' in start) {
      return logger.info(
        { variable, from: start.kept },
        'kept its local copy from the deployment it replaced',
      );
    }
    if (start.empty === 'new-here') {
      return logger.info({ variable }, 'starts empty: this agent held no copy of it before');
    }
    const message = `started empty: this agent's copy from deployment ${start.from} is gone`;
    logger.warn({ variable, from: start.from }, message);
    this.issues.note(variable, message);
  }

  /** The replicated variables this runner hosts (the rooms it is in). */
  get variables(): string[] {
    return this.endpoint.variables;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  holds(variable: string): boolean {
    return this.runtime.has(variable);
  }

  /**
   * Applies a local operation; durable in the log when it returns. Refuses an unknown variable,
   * an operator's output and an op its type's schema or precondition rejects.
   */
  update(variable: string, op: unknown): void {
    this.updateAll(variable, [op]);
  }

  /**
   * Applies operations in order as one durable commit. Every op is checked before any is
   * applied; if one fails its precondition, or its delta is too large to ever send (refuseTooLarge),
   * those before it stay applied (and durable) and the error names it.
   */
  updateAll(variable: string, ops: readonly unknown[]): void {
    this.assertOpen();
    if (!this.runtime.has(variable)) {
      throw new AgentError(
        'unknown-variable',
        `${variable} is not held by deployment ${this.deployment} on this agent`,
      );
    }
    const v = this.runtime.variable(variable);
    if (v.kind !== 'lattice' || !v.type || v.derived) {
      throw new AgentError(
        'not-updatable',
        `${variable} is computed by an operator in ${this.deployment}; update its inputs instead`,
      );
    }
    const type = v.type;
    const parsed = ops.map((op, i) => {
      const where = ops.length === 1 ? '' : ` #${i}`;
      const result = parseWith(
        type.opSchema,
        op,
        `operation${where} for ${variable} (${type.name})`,
      );
      if (!result.ok) throw new AgentError('invalid-op', result.error);
      return result.value;
    });
    let refused: AgentError | undefined;
    const apply = () => {
      for (const [i, op] of parsed.entries()) {
        const what = ops.length === 1 ? variable : `${variable} #${i}`;
        try {
          this.runtime.update(variable, op, (delta) => refuseTooLarge(type, delta, what));
        } catch (error) {
          if (error instanceof AgentError) refused = error;
          else if (error instanceof OpError) {
            refused = new AgentError('invalid-op', `${variable}: ${error.message}`);
          } else throw error;
          return;
        }
      }
    };
    if (this.log.atomically) this.log.atomically(apply);
    else apply();
    if (refused) throw refused;
  }

  query(variable: string): unknown {
    this.assertHeld(variable);
    return this.runtime.query(variable);
  }

  /** Its copy of a local variable, as a state of `type` (see LocalCopies.copyOf). */
  localCopy(variable: string, type: AnyCrdtType): unknown {
    return this.locals.copyOf(variable, type);
  }

  /** A deployment this one replaced stops here: its last local copies are joined in. */
  rejoin(deployment: string, source: LocalCopySource): void {
    if (!this.closed) this.locals.rejoin(deployment, source);
  }

  /** Its local variables' values for the metrics report, the large ones by their size only. */
  localValues(now: number): Record<string, LocalValue> {
    const readings = this.localVariables.map((id) => ({
      id,
      version: this.locals.version(id),
      read: () => this.runtime.query(id),
    }));
    return this.localReports.report(readings, now);
  }

  /** The issues due for the metrics report at `now`. */
  /** Each sink's latest lines on this agent, for the metrics report. */
  sinkLines(): Record<string, SinkLine[]> {
    return this.sinks.report();
  }

  takeIssues(now: number): RuntimeIssueReport[] {
    return this.issues.take(now);
  }

  /** Calls `fn` with the value after every strict inflation; returns the unsubscribe function. */
  subscribe(variable: string, fn: (value: unknown) => void): () => void {
    this.assertHeld(variable);
    return this.runtime.subscribe(variable, (event) => fn(event.value));
  }

  /** The hub has made this agent a member of the deployment's rooms: start replicating. */
  connect(link: SyncLink, effects: EffectChannel): void {
    if (this.closed) return;
    this.endpoint.connect(link);
    this.gate.open(effects);
  }

  disconnect(): void {
    this.endpoint.disconnect();
    this.gate.pause();
  }

  flush(): void {
    if (!this.closed) this.endpoint.flush();
  }

  /** Exchanges digests with the hub, which then sends (and asks for) whatever either misses. */
  antiEntropy(): void {
    if (!this.closed) this.endpoint.sync();
  }

  receive<E extends SyncEvent>(event: E, message: SyncMessages[E]): SyncResult {
    return this.endpoint.receive(event, message);
  }

  /** The hub refused a message of this runner's about `variable` (see ReplicaEndpoint.refused). */
  refused(event: SyncEvent, variable: string, code: string): SyncResult {
    return this.endpoint.refused(event, variable, code);
  }

  stats(): ReplicaEndpointStats {
    return this.endpoint.stats();
  }

  /**
   * The deployment ended here: stops running it (no updates, no effects) and sends the hub every
   * delta it has not acknowledged, which the hub joins into the deployment that replaced it.
   * Returns how many are unacknowledged; acks still arrive through `receive`.
   */
  drain(link: SyncLink): number {
    this.close();
    this.endpoint.drain(link);
    return this.endpoint.stats().unacked;
  }

  /** Stops replicating and performing effects; the log keeps the state for a rebuild. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.endpoint.close();
    this.locals.close();
    this.gate.close();
  }

  private assertHeld(variable: string): void {
    this.assertOpen();
    if (!this.runtime.has(variable)) {
      throw new AgentError(
        'unknown-variable',
        `${variable} is not held by deployment ${this.deployment} on this agent`,
      );
    }
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new AgentError('stopped', `deployment ${this.deployment} no longer runs here`);
    }
  }
}

/**
 * Refuses a delta that no replication message could carry: logged and applied, it would be
 * resent on every connection and closed by the hub's socket each time. Measured on the delta
 * itself, not the operation: a short `addAll` of many values makes a token per value, and a
 * removal carries every token of its value, so an operation's size bounds neither.
 */
function refuseTooLarge(type: AnyCrdtType, delta: unknown, what: string): void {
  const size = encodeState(type, delta).length;
  if (size <= MAX_DELTA_MESSAGE_BYTES) return;
  throw new AgentError(
    'op-too-large',
    `${what}: this operation's delta is ${size} bytes, over the ${MAX_DELTA_MESSAGE_BYTES} ` +
      `bytes one replication message to the hub may carry, so it was not applied; ` +
      `use smaller values, or split it into several operations`,
  );
}
