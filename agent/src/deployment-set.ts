import {
  assignmentSchema,
  operationRequestSchema,
  type Assignment,
  type ReplicaLog,
  type SyncEvent,
  type SyncLink,
} from '@inflow/shared-core';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ReplyFn } from './agent-connection.js';
import { AgentError } from './agent-errors.js';
import type { AgentStore } from './agent-store.js';
import type { DeploymentInfo } from './agent-types.js';
import { DeploymentRunner } from './deployment-runner.js';
import { DrainingRunners } from './draining-runners.js';
import { readLocalCopy, type LocalCopySource } from './local-copies.js';
import type { EffectChannel } from './effect-gate.js';
import { isSyncEvent, parseInbound, parseWith, refusalSchema } from './wire-messages.js';

export interface DeploymentSetHooks {
  /** The open connection's link and effect channel, if connected. */
  connection(): { link: SyncLink; effects: EffectChannel } | undefined;
  /** The set of runners changed (subscriptions move). */
  changed(): void;
  assigned(info: DeploymentInfo): void;
  unassigned(deployment: string): void;
  /** Writing the assignment table failed: fatal. */
  storeFailed(error: Error): void;
  /** Why the agent stopped, if it did: replaces a storage error in replies. */
  stoppedBecause(): Error | undefined;
}

const deploymentIdSchema = z.string().min(1).max(128);

/** How long a deployment that ended here waits for the hub to take its last deltas. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * The deployments this agent runs, one runner each, and the handling of the control plane's
 * `assign`, `unassign`, `apply` and replication events for them. Every input is checked
 * first; a bad one is refused or logged, never thrown.
 */
export class DeploymentSet {
  private readonly runners = new Map<string, DeploymentRunner>();
  private readonly draining: DrainingRunners;

  /**
   * This agent's copies of local variables in the deployments it holds: a runner's (running or
   * draining), else what the log still has of one that does not run here any more.
   */
  private readonly copies: LocalCopySource = {
    copyOf: (deployment, variable, type) => {
      try {
        const runner = this.runners.get(deployment) ?? this.draining.get(deployment);
        const held = runner?.localCopy(variable, type);
        return held !== undefined ? held : readLocalCopy(this.log, { deployment, variable }, type);
      } catch (err) {
        // The hub found it unchanged, so this is not expected; the variable starts without it.
        this.logger.warn({ err, deployment, variable }, 'a local copy is unreadable; not carried');
        return undefined;
      }
    },
  };

  constructor(
    private readonly store: AgentStore,
    private readonly log: ReplicaLog,
    private readonly logger: Logger,
    private readonly hooks: DeploymentSetHooks,
    drainTimeoutMs = DRAIN_TIMEOUT_MS,
  ) {
    this.draining = new DrainingRunners((d) => this.forget(d), drainTimeoutMs, logger);
  }

  /** The deployments it holds: those it runs, and those still sending their last deltas. */
  ids(): string[] {
    return [...this.runners.keys(), ...this.draining.ids()];
  }

  all(): DeploymentRunner[] {
    return [...this.runners.values()];
  }

  /** Runs the deployments stored by the last process, offline until the control plane answers. */
  resume(): void {
    const { assignments, unreadable } = this.store.assignments();
    for (const u of unreadable) {
      this.logger.error(u, 'a stored assignment is unreadable; waiting for the control plane');
    }
    for (const assignment of assignments) {
      try {
        this.runners.set(assignment.deployment, this.start(assignment));
      } catch (err) {
        this.logger.error(
          { err, deployment: assignment.deployment },
          'could not resume a deployment',
        );
      }
    }
  }

  assign(raw: unknown, reply: ReplyFn): void {
    const parsed = parseWith(assignmentSchema, raw, 'assignment');
    if (!parsed.ok) {
      this.logger.warn({ error: parsed.error }, 'refused an assignment');
      return reply({ ok: false, error: parsed.error });
    }
    const assignment = parsed.value;
    const { deployment, version } = assignment;
    const current = this.runners.get(deployment);
    const connection = this.hooks.connection();
    if (current?.version === version) {
      if (connection) current.connect(connection.link, connection.effects);
      return reply({ ok: true, value: { replica: current.replica } });
    }
    // Built before the old runner closes, so a share that cannot run leaves the old one running.
    let runner: DeploymentRunner;
    try {
      runner = this.start(assignment);
      this.store.saveAssignment(assignment);
    } catch (err) {
      const stopped = this.hooks.stoppedBecause();
      if (stopped) return reply({ ok: false, error: stopped.message });
      if (isStoreError(err)) {
        this.hooks.storeFailed(err);
        return reply({ ok: false, error: `the agent's store failed: ${err.message}` });
      }
      const error = `cannot run deployment ${deployment}: ${err instanceof Error ? err.message : String(err)}`;
      this.logger.error({ deployment, version }, error);
      return reply({ ok: false, error });
    }
    current?.close();
    this.draining.cancel(deployment);
    this.runners.set(deployment, runner);
    this.hooks.changed();
    if (connection) runner.connect(connection.link, connection.effects);
    this.logger.info({ deployment, version, variables: runner.variables }, 'deployment assigned');
    reply({ ok: true, value: { replica: runner.replica } });
    this.hooks.assigned(infoOf(runner));
  }

  /**
   * The deployment ended here (or moved away). What the hub has not acknowledged is sent first:
   * it may still count in the deployment that replaced this one. The log goes once it is taken.
   */
  unassign(raw: unknown): void {
    const parsed = deploymentIdSchema.safeParse(raw);
    if (!parsed.success) return void this.logger.warn({ raw }, 'refused a malformed unassign');
    const deployment = parsed.data;
    const running = this.runners.get(deployment);
    const runner = running ?? this.draining.get(deployment);
    if (running) this.rejoin(deployment);
    this.runners.delete(deployment);
    const link = this.hooks.connection()?.link;
    const drains = runner !== undefined && link !== undefined && this.draining.start(runner, link);
    if (!drains) {
      runner?.close();
      this.draining.cancel(deployment);
      if (!this.forget(deployment)) return;
    }
    this.hooks.changed();
    this.logger.info({ deployment }, 'deployment unassigned');
    if (running) this.hooks.unassigned(deployment);
  }

  /** A deployment that replaced `deployment` takes its local copies as they stop. */
  private rejoin(deployment: string): void {
    for (const other of this.runners.values()) {
      try {
        other.rejoin(deployment, this.copies);
      } catch (err) {
        // Only the log can fail here; the stop goes on either way.
        const error = err instanceof Error ? err : new Error(String(err));
        if (isStoreError(error)) this.hooks.storeFailed(error);
        else this.logger.error({ err, deployment }, 'could not join a local copy as it stopped');
      }
    }
  }

  /** Drops a deployment's assignment and log; false if the store failed (which stops the agent). */
  private forget(deployment: string): boolean {
    try {
      this.store.forgetDeployment(deployment);
      return true;
    } catch (err) {
      this.hooks.storeFailed(err instanceof Error ? err : new Error(String(err)));
      return false;
    }
  }

  /** The control plane asks this agent to apply an operation; the reply comes once it is durable. */
  apply(raw: unknown, reply: ReplyFn): void {
    const parsed = parseWith(operationRequestSchema, raw, 'operation request');
    if (!parsed.ok) return reply({ ok: false, error: parsed.error });
    const { deployment, variable, op } = parsed.value;
    const runner = this.runners.get(deployment);
    if (!runner) {
      return reply({ ok: false, error: `deployment ${deployment} does not run on this agent` });
    }
    try {
      runner.update(variable, op);
      reply({ ok: true, value: null });
    } catch (error) {
      if (error instanceof AgentError) return reply({ ok: false, error: error.message });
      const reason = this.hooks.stoppedBecause()?.message ?? String(error);
      reply({ ok: false, error: `could not apply the operation: ${reason}` });
    }
  }

  sync(event: SyncEvent, raw: unknown): void {
    const parsed = parseInbound(event, raw);
    if (!parsed.ok) {
      return void this.logger.warn({ event, error: parsed.error }, 'dropped a malformed message');
    }
    const { deployment } = parsed.value;
    const runner = this.runners.get(deployment) ?? this.draining.get(deployment);
    if (!runner) {
      return void this.logger.debug({ event, deployment }, 'message for a deployment not here');
    }
    const result = runner.receive(event, parsed.value);
    if (!result.ok) {
      this.logger.warn({ event, code: result.code, reason: result.reason }, 'refused a message');
    }
    if (event === 'ack') this.draining.acked(deployment);
  }

  /**
   * The hub refused a message of this agent's: logged, and told to the runner it names, whose
   * replica may be waiting for an answer that will not come (a refused digest while catching up).
   */
  refused(raw: unknown): void {
    const parsed = parseWith(refusalSchema, raw, 'refusal');
    if (!parsed.ok) {
      return void this.logger.warn({ error: parsed.error }, 'dropped a malformed refusal');
    }
    const refusal = parsed.value;
    this.logger.warn({ refusal }, 'the hub refused a message');
    const { event, code, deployment, variable } = refusal;
    if (deployment === undefined || variable === undefined || !isSyncEvent(event)) return;
    const runner = this.runners.get(deployment) ?? this.draining.get(deployment);
    const result = runner?.refused(event, variable, code);
    if (result && !result.ok) {
      this.logger.warn({ code: result.code, reason: result.reason }, 'could not handle a refusal');
    }
    // A drain whose last owed deltas were refused for good has nothing left to wait for.
    this.draining.acked(deployment);
  }

  /** The runner holding a variable, or an AgentError naming why there is not exactly one. */
  resolve(variable: string, deployment?: string): DeploymentRunner {
    if (deployment !== undefined) {
      const runner = this.runners.get(deployment);
      if (!runner) {
        throw new AgentError(
          'unknown-deployment',
          `deployment ${deployment} does not run on this agent`,
        );
      }
      return runner;
    }
    const holders = this.all().filter((r) => r.holds(variable));
    if (holders.length === 0) {
      throw new AgentError('unknown-variable', `no deployment on this agent holds ${variable}`);
    }
    if (holders.length > 1) {
      const ids = holders.map((r) => r.deployment).join(', ');
      throw new AgentError(
        'ambiguous-variable',
        `${variable} is held by deployments ${ids}; name one with { deployment }`,
      );
    }
    return holders[0] as DeploymentRunner;
  }

  /** Like `resolve`, but undefined where it would throw. */
  holder(variable: string, deployment?: string): DeploymentRunner | undefined {
    const holders = this.all().filter(
      (r) => r.holds(variable) && (deployment === undefined || r.deployment === deployment),
    );
    return holders.length === 1 ? holders[0] : undefined;
  }

  flush(): void {
    for (const runner of this.runners.values()) runner.flush();
  }

  antiEntropy(): void {
    for (const runner of this.runners.values()) runner.antiEntropy();
  }

  disconnect(): void {
    for (const runner of this.runners.values()) runner.disconnect();
    this.draining.disconnect();
  }

  close(): void {
    for (const runner of this.runners.values()) runner.close();
    this.draining.close();
  }

  private start(assignment: Assignment): DeploymentRunner {
    const { log, logger, copies } = this;
    return DeploymentRunner.start(assignment, { log, logger, copies });
  }
}

export function infoOf(runner: DeploymentRunner): DeploymentInfo {
  return {
    deployment: runner.deployment,
    version: runner.version,
    replica: runner.replica,
    variables: runner.variables,
  };
}

/** better-sqlite3 reports a failed statement as a SqliteError (code SQLITE_*). */
function isStoreError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'SqliteError';
}
