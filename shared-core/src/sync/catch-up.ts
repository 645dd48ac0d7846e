/**
 * A replica that (re)connects catches up with the hub one variable at a time: the hub answers
 * each digest with what the replica misses. Merged as they come, a process could act on part of
 * it, and once: a trigger whose counter arrives before the set it removes from removes nothing,
 * for good. So from the connect until the hub's digest of every variable has come back, remote
 * deltas are held, then merged together. A refused digest counts as answered: waiting for it
 * would hold everything until the next connection.
 */
export class CatchUp {
  private waiting = new Set<string>();
  private held: Array<[string, unknown]> = [];

  /** A connection opened: hold remote deltas until the hub has answered for each of these. */
  start(variables: Iterable<string>): void {
    this.waiting = new Set(variables);
  }

  /** Holds a remote delta while catching up; false when it is to be merged now. */
  hold(variable: string, delta: unknown): boolean {
    if (this.waiting.size === 0) return false;
    this.held.push([variable, delta]);
    return true;
  }

  /**
   * The hub answered the digest of `variable`, or refused it (then nothing more comes for it):
   * what to merge now (all, once it was the last). A variable not waited for changes nothing.
   */
  answered(variable: string): Array<[string, unknown]> {
    if (!this.waiting.delete(variable) || this.waiting.size > 0) return [];
    return this.release();
  }

  /** Stops waiting, and returns what was held. */
  release(): Array<[string, unknown]> {
    const held = this.held;
    this.held = [];
    this.waiting.clear();
    return held;
  }
}
