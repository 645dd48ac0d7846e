/**
 * When a variable's log is due a snapshot of its whole state: once `every` deltas were logged
 * since the last snapshot, and only when they weigh at least as much as it did. A snapshot costs
 * what the state weighs, so a fixed count of deltas makes a growing set's snapshots cost the
 * square of its size over its life; waiting for the deltas to weigh as much keeps them to about
 * twice what was logged, and a restore still reads at most about twice the state.
 */
export class CompactionPace {
  private deltas = 0;
  private bytes = 0;
  private snapshotBytes: number;

  constructor(
    private readonly every: number,
    start: { snapshot?: Uint8Array | undefined; deltas?: readonly Uint8Array[] } = {},
  ) {
    this.snapshotBytes = start.snapshot?.length ?? 0;
    for (const delta of start.deltas ?? []) this.logged(delta);
  }

  logged(delta: Uint8Array): void {
    this.deltas++;
    this.bytes += delta.length;
  }

  /** `kept`: how many of the logged deltas a snapshot now could not drop yet (unacknowledged). */
  due(kept = 0): boolean {
    return this.deltas - kept >= this.every && this.bytes >= this.snapshotBytes;
  }

  /** A snapshot was written; `kept` deltas stay logged beside it. */
  compacted(snapshot: Uint8Array, kept = 0): void {
    this.snapshotBytes = snapshot.length;
    this.bytes = this.deltas === 0 ? 0 : Math.round((this.bytes * kept) / this.deltas);
    this.deltas = kept;
  }
}
