import type { VariableRef } from '../protocol/replication-messages.js';

/** A delta this replica produced, as its log holds it. */
export interface LoggedDelta {
  readonly seq: number;
  readonly delta: Uint8Array;
  /** The hub acknowledged it (stored durably); an unacknowledged one is sent again after a restart. */
  readonly acked: boolean;
}

/** Everything a log holds for one variable: the state of a restarted replica is their join. */
export interface ReplicaLogContents {
  readonly snapshot?: Uint8Array;
  /** The deltas logged after the snapshot, by ascending seq. */
  readonly entries: readonly LoggedDelta[];
  /** Above every seq ever appended or compacted, so a restarted replica never reuses one. */
  readonly nextSeq: number;
}

/**
 * An agent's durability seam for replication (SQLite in the agent, memory in tests). Every method
 * is synchronous, so a delta is durable by the time `Runtime.update` returns to the application.
 */
export interface ReplicaLog {
  /** Records a delta this replica produced. Must be durable when it returns. */
  append(ref: VariableRef, seq: number, delta: Uint8Array): void;
  /**
   * Marks deltas as acknowledged by the hub. Need not be durable at once: a lost mark only
   * makes a restarted replica send a delta again, which the hub merges idempotently.
   */
  acked(ref: VariableRef, seqs: readonly number[]): void;
  /**
   * Replaces the snapshot with `state` (which includes every delta up to `throughSeq`) and drops
   * the deltas up to `throughSeq`, atomically: a crash leaves either the old or the new contents.
   */
  compact(ref: VariableRef, state: Uint8Array, throughSeq: number): void;
  load(ref: VariableRef): ReplicaLogContents;
  /**
   * Runs `fn`, whose writes become durable together when it returns: one commit for a batch of
   * updates instead of one each. A log without it makes each write durable on its own.
   */
  atomically?<T>(fn: () => T): T;
}

/** The first seq of a variable that has never logged anything. */
export const FIRST_SEQ = 1;

/** A key for maps of variable refs (ids cannot contain NUL: they are validated names). */
export function refKey(ref: VariableRef): string {
  return `${ref.deployment}\u0000${ref.variable}`;
}
