import type { AgentMetrics } from '@inflow/shared-core';
import type { DeploymentRunner } from './deployment-runner.js';

/**
 * Turns each runner's cumulative endpoint counters into the periodic metrics message: ops per
 * second over the time since the runner's previous sample (a rebuilt runner starts afresh).
 */
export class MetricsSampler {
  private readonly previous = new WeakMap<DeploymentRunner, { ops: number; at: number }>();

  sample(runner: DeploymentRunner, now: number): AgentMetrics {
    const stats = runner.stats();
    const before = this.previous.get(runner);
    this.previous.set(runner, { ops: stats.ops, at: now });
    const seconds = before ? (now - before.at) / 1000 : 0;
    const opsPerSecond = seconds > 0 ? Math.max(0, stats.ops - (before?.ops ?? 0)) / seconds : 0;
    return {
      deployment: runner.deployment,
      opsPerSecond,
      deltasSent: stats.deltasSent,
      bytesSent: stats.bytesSent,
      unacked: stats.unacked,
      local: runner.localValues(now),
      sinks: runner.sinkLines(),
      issues: runner.takeIssues(now),
      sentAt: now,
    };
  }
}
