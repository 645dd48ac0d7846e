import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assignmentSchema, type Assignment } from '@inflow/shared-core';
import Database from 'better-sqlite3';
import { migrateAgentDb } from './agent-migrations.js';
import { SqliteReplicaLog } from './sqlite-replica-log.js';

export const AGENT_DB_FILE = 'agent.db';

/** A stored assignment that no longer parses (written by another version of the agent). */
export interface UnreadableAssignment {
  deployment: string;
  problem: string;
}

/**
 * Everything an agent keeps across restarts, in one SQLite database: its instance id, the last
 * assignment of every deployment it runs (so a restarted agent resumes them offline, before the
 * control plane answers) and the replica log. With no directory it lives in memory, with a
 * fresh instance id, for one process.
 */
export class AgentStore {
  readonly log: SqliteReplicaLog;
  readonly instance: string;
  /** The database file, or undefined in memory. */
  readonly file: string | undefined;
  private readonly db: Database.Database;
  private readonly q;
  private readonly forgetTx;

  /** `onLogFailure`: a write the log made after the call that asked for it failed. */
  static open(dataDir?: string, onLogFailure: (error: Error) => void = () => {}): AgentStore {
    if (dataDir === undefined) {
      return new AgentStore(new Database(':memory:'), undefined, onLogFailure);
    }
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, AGENT_DB_FILE);
    return new AgentStore(new Database(file, { timeout: 1000 }), file, onLogFailure);
  }

  private constructor(
    db: Database.Database,
    file: string | undefined,
    onLogFailure: (error: Error) => void,
  ) {
    this.db = db;
    this.file = file;
    try {
      // One process per data dir: two agents sharing an instance would reuse each other's dots.
      // The exclusive lock is taken by the first transaction and held until close.
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (error) {
      db.close();
      if (isBusy(error)) {
        throw new Error(
          `${file} is in use by another agent process; give each agent its own --data`,
        );
      }
      throw error;
    }
    migrateAgentDb(db);
    this.q = {
      getSetting: db.prepare<[string], { value: string }>(
        'SELECT value FROM settings WHERE key = ?',
      ),
      putSetting: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)'),
      putAssignment: db.prepare(
        `INSERT INTO assignments (deployment, version, body, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (deployment) DO UPDATE SET version = excluded.version, body = excluded.body,
         updated_at = excluded.updated_at`,
      ),
      assignments: db.prepare<[], { deployment: string; body: string }>(
        'SELECT deployment, body FROM assignments ORDER BY deployment',
      ),
      deleteAssignment: db.prepare('DELETE FROM assignments WHERE deployment = ?'),
    };
    this.log = new SqliteReplicaLog(db, onLogFailure);
    this.instance = this.q.getSetting.get('instance')?.value ?? this.newInstance();
    this.forgetTx = db.transaction((deployment: string) => {
      this.q.deleteAssignment.run(deployment);
      this.log.forget(deployment);
    });
  }

  private newInstance(): string {
    const instance = randomBytes(12).toString('base64url');
    this.q.putSetting.run('instance', instance);
    return instance;
  }

  /** The stored assignments that parse, and the deployments whose row does not. */
  assignments(): { assignments: Assignment[]; unreadable: UnreadableAssignment[] } {
    const assignments: Assignment[] = [];
    const unreadable: UnreadableAssignment[] = [];
    for (const row of this.q.assignments.all()) {
      let body: unknown;
      try {
        body = JSON.parse(row.body);
      } catch (error) {
        unreadable.push({ deployment: row.deployment, problem: String(error) });
        continue;
      }
      const parsed = assignmentSchema.safeParse(body);
      if (parsed.success) assignments.push(parsed.data);
      else unreadable.push({ deployment: row.deployment, problem: parsed.error.message });
    }
    return { assignments, unreadable };
  }

  saveAssignment(assignment: Assignment): void {
    this.q.putAssignment.run(
      assignment.deployment,
      assignment.version,
      JSON.stringify(assignment),
      Date.now(),
    );
  }

  /** The deployment ended: its assignment and its replica log go, in one transaction. */
  forgetDeployment(deployment: string): void {
    this.forgetTx(deployment);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.log.flushAcks();
    } catch {
      // Ack marks need not be durable: a lost one only makes the restarted agent send again.
    }
    this.db.close();
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
