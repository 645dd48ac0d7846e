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
