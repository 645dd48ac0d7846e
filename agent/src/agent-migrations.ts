import type { Database } from 'better-sqlite3';

/**
 * The agent's schema changes in order; `PRAGMA user_version` records how many have been applied.
 * Never edit a shipped entry: append a new one.
 */
export const AGENT_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE assignments (
    deployment TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;

  -- One row per variable that was ever compacted: its snapshot and the seq floor it set.
  CREATE TABLE replica_heads (
    deployment TEXT NOT NULL,
    variable TEXT NOT NULL,
    snapshot BLOB NOT NULL,
    next_seq INTEGER NOT NULL,
    PRIMARY KEY (deployment, variable)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE replica_deltas (
    deployment TEXT NOT NULL,
    variable TEXT NOT NULL,
    seq INTEGER NOT NULL,
    delta BLOB NOT NULL,
    acked INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (deployment, variable, seq)
  ) STRICT, WITHOUT ROWID;
  `,
];

/** Brings the database up to date, one transaction per migration. */
export function migrateAgentDb(db: Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > AGENT_MIGRATIONS.length) {
    throw new Error(
      `the agent database is at schema version ${applied}, newer than this agent knows ` +
        `(${AGENT_MIGRATIONS.length}); upgrade the agent or use another --data directory`,
    );
  }
  AGENT_MIGRATIONS.forEach((sql, index) => {
    if (index < applied) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${index + 1}`);
    })();
  });
}
