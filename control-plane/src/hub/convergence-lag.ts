import type { AgentMetrics } from '@inflow/shared-core';
import type { LiveDeployment } from './live-deployment.js';

/**
 * The convergence-lag gauge's memory: since when each deployment has had deltas some replica has
 * not acknowledged. The lag is the age of the oldest such episode among running deployments.
 */
export class ConvergenceLag {
  private readonly since = new Map<string, number>();

  /** `unacked`: every running deployment's unacknowledged deltas now. Returns seconds. */
  measure(unacked: ReadonlyMap<string, number>, now = Date.now()): number {
    for (const id of this.since.keys()) if (!unacked.has(id)) this.since.delete(id);
    let worst = 0;
    for (const [id, n] of unacked) {
      if (n === 0) this.since.delete(id);
      else if (!this.since.has(id)) this.since.set(id, now);
      worst = Math.max(worst, now - (this.since.get(id) ?? now));
    }
    return worst / 1000;
  }
}

/**
 * By running deployment, the deltas not acknowledged between the hub and the agents online:
 * those the hub sent each agent, and those each agent last reported sending.
 */
export function unackedDeltas(
  running: Iterable<LiveDeployment>,
  agents: readonly string[],
  report: (agent: string, deployment: string) => AgentMetrics | undefined,
): Map<string, number> {
  const unacked = new Map<string, number>();
  for (const live of running) {
    let n = 0;
    for (const name of agents)
      n += live.room.unackedBy(name) + (report(name, live.id)?.unacked ?? 0);
    unacked.set(live.id, n);
  }
  return unacked;
}
