import type { SyncLink } from '@inflow/shared-core';
import type { Logger } from 'pino';
import type { DeploymentRunner } from './deployment-runner.js';

interface Draining {
  readonly runner: DeploymentRunner;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The deployments that ended on this agent while the hub had not acknowledged all their deltas
 * (updated just before the stop, or while offline). Each sends them once more, so the hub can
 * join them into the deployment that replaced it, and is forgotten once every one is
 * acknowledged or refused for good (nothing wants it: the runner's endpoint gives it up), or
 * when no answer came within `timeoutMs` of sending. A disconnection pauses the wait: the agent
 * still reports the deployment as running, so the control plane unassigns it again when the
 * agent is back, and it drains again.
 */
export class DrainingRunners {
  private readonly draining = new Map<string, Draining>();

  constructor(
    private readonly forget: (deployment: string) => void,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  ids(): string[] {
    return [...this.draining.keys()];
  }

  get(deployment: string): DeploymentRunner | undefined {
    return this.draining.get(deployment)?.runner;
  }

  /** Stops `runner` and sends what it owes; false when it owes nothing (forget it now). */
  start(runner: DeploymentRunner, link: SyncLink): boolean {
    this.cancel(runner.deployment);
    const unacked = runner.drain(link);
    if (unacked === 0) return false;
    const timer = setTimeout(() => this.giveUp(runner.deployment, runner), this.timeoutMs);
    this.draining.set(runner.deployment, { runner, timer });
    this.logger.info({ deployment: runner.deployment, unacked }, 'sent the last deltas');
    return true;
  }

  /** An ack of one of its deltas (or a refusal for good) arrived: once none is owed, it goes. */
  acked(deployment: string): void {
    const entry = this.draining.get(deployment);
    if (!entry || entry.runner.stats().unacked > 0) return;
    this.cancel(deployment);
    this.forget(deployment);
  }

  /** It runs here again (assigned anew): it keeps its log. */
  cancel(deployment: string): void {
    const entry = this.draining.get(deployment);
    if (entry?.timer) clearTimeout(entry.timer);
    this.draining.delete(deployment);
  }

  /** The link is gone: the waits pause until the control plane unassigns them again. */
  disconnect(): void {
    for (const entry of this.draining.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = undefined;
      entry.runner.disconnect();
    }
  }

  close(): void {
    for (const deployment of this.ids()) this.cancel(deployment);
  }

  private giveUp(deployment: string, runner: DeploymentRunner): void {
    const unacked = runner.stats().unacked;
    this.logger.warn(
      { deployment, unacked, waitedMs: this.timeoutMs },
      'the hub did not take the last deltas of a deployment that ended here; dropping them',
    );
    this.cancel(deployment);
    this.forget(deployment);
  }
}
