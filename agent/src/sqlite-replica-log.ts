import type { Database } from 'better-sqlite3';
import {
  FIRST_SEQ,
  type LoggedDelta,
  type ReplicaLog,
  type ReplicaLogContents,
  type VariableRef,
} from '@inflow/shared-core';

interface HeadRow {
  snapshot: Buffer;
  next_seq: number;
}

interface DeltaRow {
  seq: number;
  delta: Buffer;
  acked: number;
}

/** SQLite binds a Buffer without copying our array; it copies into the row itself. */
const blob = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A plain copy: a row's Buffer may be a slice of a shared pool. */
const copy = (buffer: Buffer): Uint8Array => new Uint8Array(buffer);

interface AckMarks {
  readonly ref: VariableRef;
  readonly seqs: readonly number[];
}

/**
 * The agent's ReplicaLog on its SQLite database (opened by `AgentStore` in WAL mode with
 * `synchronous = FULL`, so every write below is on disk when it returns). An append is one
 * INSERT, so one commit: the next seq is not stored per append but found at load as the highest
 * logged seq + 1, floored by what compaction recorded in the variable's head row.
 *
 * Ack marks are the exception. They need not be durable at once (`ReplicaLog.acked`), so the
 * marks of every ack that arrives in one turn of the event loop are written in one commit after
 * it (`setImmediate`), where a commit per ack cost an agent updating 625 variables at 10 Hz most
 * of its time. A failure of that commit goes to `onDeferredFailure`.
 */
export class SqliteReplicaLog implements ReplicaLog {
  private readonly q;
  private readonly markAcked;
  private readonly compactTx;
  private readonly forgetTx;
  private pendingAcks: AckMarks[] = [];
  private ackFlush: NodeJS.Immediate | undefined;

  constructor(
    private readonly db: Database,
    private readonly onDeferredFailure: (error: Error) => void,
  ) {
    this.q = {
      append: db.prepare(
        `INSERT INTO replica_deltas (deployment, variable, seq, delta, acked) VALUES (?, ?, ?, ?, 0)
         ON CONFLICT (deployment, variable, seq) DO UPDATE SET delta = excluded.delta, acked = 0`,
      ),
      ack: db.prepare(
        'UPDATE replica_deltas SET acked = 1 WHERE deployment = ? AND variable = ? AND seq = ?',
      ),
      putHead: db.prepare(
        `INSERT INTO replica_heads (deployment, variable, snapshot, next_seq) VALUES (?, ?, ?, ?)
         ON CONFLICT (deployment, variable) DO UPDATE SET snapshot = excluded.snapshot,
         next_seq = MAX(replica_heads.next_seq, excluded.next_seq)`,
      ),
      dropThrough: db.prepare(
        'DELETE FROM replica_deltas WHERE deployment = ? AND variable = ? AND seq <= ?',
      ),
      head: db.prepare<[string, string], HeadRow>(
        'SELECT snapshot, next_seq FROM replica_heads WHERE deployment = ? AND variable = ?',
      ),
      deltas: db.prepare<[string, string], DeltaRow>(
        `SELECT seq, delta, acked FROM replica_deltas WHERE deployment = ? AND variable = ?
         ORDER BY seq`,
      ),
      forgetHeads: db.prepare('DELETE FROM replica_heads WHERE deployment = ?'),
      forgetDeltas: db.prepare('DELETE FROM replica_deltas WHERE deployment = ?'),
      deltaCount: db.prepare<[string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM replica_deltas WHERE deployment = ? AND variable = ?',
      ),
    };
    this.markAcked = db.transaction((marks: readonly AckMarks[]) => {
      for (const { ref, seqs } of marks) {
        for (const seq of seqs) this.q.ack.run(ref.deployment, ref.variable, seq);
      }
    });
    this.compactTx = db.transaction((ref: VariableRef, state: Uint8Array, throughSeq: number) => {
      this.q.putHead.run(ref.deployment, ref.variable, blob(state), throughSeq + 1);
      this.q.dropThrough.run(ref.deployment, ref.variable, throughSeq);
    });
    this.forgetTx = db.transaction((deployment: string) => {
      this.q.forgetHeads.run(deployment);
      this.q.forgetDeltas.run(deployment);
    });
  }

  append(ref: VariableRef, seq: number, delta: Uint8Array): void {
    this.q.append.run(ref.deployment, ref.variable, seq, blob(delta));
  }

  acked(ref: VariableRef, seqs: readonly number[]): void {
    if (seqs.length === 0) return;
    this.pendingAcks.push({ ref, seqs: [...seqs] });
    this.ackFlush ??= setImmediate(() => {
      try {
        this.flushAcks();
      } catch (error) {
        this.onDeferredFailure(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Writes the ack marks not yet written, in one commit (before a load, or a close). */
  flushAcks(): void {
    if (this.ackFlush) clearImmediate(this.ackFlush);
    this.ackFlush = undefined;
    const marks = this.pendingAcks;
    this.pendingAcks = [];
    if (marks.length > 0 && this.db.open) this.markAcked(marks);
  }

  compact(ref: VariableRef, state: Uint8Array, throughSeq: number): void {
    this.compactTx(ref, state, throughSeq);
  }

  /** One transaction, so one commit (one fsync) for every write `fn` makes. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  load(ref: VariableRef): ReplicaLogContents {
    this.flushAcks();
    const head = this.q.head.get(ref.deployment, ref.variable);
    const entries: LoggedDelta[] = this.q.deltas
      .all(ref.deployment, ref.variable)
      .map((row) => ({ seq: row.seq, delta: copy(row.delta), acked: row.acked === 1 }));
    const last = entries.at(-1);
    const nextSeq = Math.max(FIRST_SEQ, head?.next_seq ?? FIRST_SEQ, last ? last.seq + 1 : 0);
    return { ...(head ? { snapshot: copy(head.snapshot) } : {}), entries, nextSeq };
  }

  /** Drops every variable of a deployment (it ended); part of the caller's transaction if any. */
  forget(deployment: string): void {
    this.forgetTx(deployment);
  }

  /** How many deltas are logged for a variable (to check that compaction bounds the log). */
  size(ref: VariableRef): number {
    return this.q.deltaCount.get(ref.deployment, ref.variable)?.n ?? 0;
  }
}
