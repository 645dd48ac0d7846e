import type { VariableRef } from '../protocol/replication-messages.js';
import {
  FIRST_SEQ,
  refKey,
  type LoggedDelta,
  type ReplicaLog,
  type ReplicaLogContents,
} from './replica-log.js';

/** Thrown by a MemoryReplicaLog at the write it was told to die at, and at every later one. */
export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

interface Stored {
  snapshot?: Uint8Array;
  entries: Map<number, { delta: Uint8Array; acked: boolean }>;
  nextSeq: number;
}

/**
 * A ReplicaLog in memory, for tests. It can "crash": after `crashAfter(n)` the next n writes
 * succeed and the one after fails without effect (a process killed inside the write), as does
 * every write after it. `restart()` is the next process: a fresh log over what was written.
 */
export class MemoryReplicaLog implements ReplicaLog {
  private readonly stored: Map<string, Stored>;
  private writesLeft = Infinity;
  private crashed = false;
  /** Writes that took effect, for tests that crash at a chosen point. */
  writes = 0;

  constructor(stored?: Map<string, Stored>) {
    this.stored = stored ?? new Map();
  }

  crashAfter(n: number): void {
    this.writesLeft = n;
  }

  get isCrashed(): boolean {
    return this.crashed;
  }

  restart(): MemoryReplicaLog {
    const copy = new Map<string, Stored>();
    for (const [key, s] of this.stored) {
      copy.set(key, {
        ...(s.snapshot ? { snapshot: s.snapshot } : {}),
        entries: new Map([...s.entries].map(([seq, e]) => [seq, { ...e }])),
        nextSeq: s.nextSeq,
      });
    }
    return new MemoryReplicaLog(copy);
  }

  append(ref: VariableRef, seq: number, delta: Uint8Array): void {
    this.write();
    const s = this.at(ref);
    s.entries.set(seq, { delta: delta.slice(), acked: false });
    s.nextSeq = Math.max(s.nextSeq, seq + 1);
  }

  acked(ref: VariableRef, seqs: readonly number[]): void {
    this.write();
    const s = this.at(ref);
    for (const seq of seqs) {
      const entry = s.entries.get(seq);
      if (entry) entry.acked = true;
    }
  }

  compact(ref: VariableRef, state: Uint8Array, throughSeq: number): void {
    this.write();
    const s = this.at(ref);
    s.snapshot = state.slice();
    for (const seq of [...s.entries.keys()]) if (seq <= throughSeq) s.entries.delete(seq);
    s.nextSeq = Math.max(s.nextSeq, throughSeq + 1);
  }

  load(ref: VariableRef): ReplicaLogContents {
    const s = this.stored.get(refKey(ref));
    if (!s) return { entries: [], nextSeq: FIRST_SEQ };
    const entries: LoggedDelta[] = [...s.entries]
      .sort(([a], [b]) => a - b)
      .map(([seq, e]) => ({ seq, delta: e.delta.slice(), acked: e.acked }));
    return { ...(s.snapshot ? { snapshot: s.snapshot.slice() } : {}), entries, nextSeq: s.nextSeq };
  }

  /** How many deltas are logged for a variable (to check that compaction bounds the log). */
  size(ref: VariableRef): number {
    return this.stored.get(refKey(ref))?.entries.size ?? 0;
  }

  private write(): void {
    if (this.crashed || this.writesLeft <= 0) {
      this.crashed = true;
      throw new SimulatedCrash('the replica log crashed during a write');
    }
    this.writesLeft--;
    this.writes++;
  }

  private at(ref: VariableRef): Stored {
    const key = refKey(ref);
    let s = this.stored.get(key);
    if (!s) {
      s = { entries: new Map(), nextSeq: FIRST_SEQ };
      this.stored.set(key, s);
    }
    return s;
  }
}
