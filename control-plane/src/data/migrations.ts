import type { Database } from 'better-sqlite3';

/**
 * Schema changes in order; `PRAGMA user_version` records how many have been applied. Never edit
 * a shipped entry: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE graphs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    rev INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE graph_revisions (
    graph_id TEXT NOT NULL REFERENCES graphs (id) ON DELETE CASCADE,
    rev INTEGER NOT NULL,
    name TEXT NOT NULL,
    document TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (graph_id, rev)
  ) STRICT;

  CREATE TABLE agent_tokens (
    id TEXT PRIMARY KEY,
    name TEXT UNIQUE,
    labels TEXT NOT NULL,
    trusted INTEGER NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE agents (
    id TEXT PRIMARY KEY REFERENCES agent_tokens (id) ON DELETE CASCADE,
    name TEXT NOT NULL UNIQUE,
    labels TEXT NOT NULL,
    online INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
  ) STRICT;
  `,
  `
  CREATE TABLE deployments (
    id TEXT PRIMARY KEY,
    graph_id TEXT NOT NULL REFERENCES graphs (id),
    rev INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'stopped')),
    version INTEGER NOT NULL,
    placement TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE hub_states (
    deployment TEXT NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    variable TEXT NOT NULL,
    state BLOB NOT NULL,
    PRIMARY KEY (deployment, variable)
  ) STRICT;

  CREATE TABLE hub_deltas (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    deployment TEXT NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    variable TEXT NOT NULL,
    delta BLOB NOT NULL
  ) STRICT;
  CREATE INDEX hub_deltas_variable ON hub_deltas (deployment, variable, id);

  CREATE TABLE effects (
    deployment TEXT NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    node TEXT NOT NULL,
    key TEXT NOT NULL,
    holder TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('granted', 'done', 'released')),
    grants INTEGER NOT NULL,
    PRIMARY KEY (deployment, node, key)
  ) STRICT;
  `,
  `
  ALTER TABLE deployments ADD COLUMN replaces TEXT;
  `,
  `
  CREATE INDEX deployments_replaces ON deployments (replaces);
  `,
  `
  ALTER TABLE deployments ADD COLUMN former_hosts TEXT;
  `,
  // No reference to deployments: the log keeps what happened to one that was deleted since.
  `
  CREATE TABLE hub_events (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    deployment TEXT,
    kind TEXT NOT NULL,
    message TEXT NOT NULL
  ) STRICT;
  `,
  `
  ALTER TABLE hub_events ADD COLUMN node TEXT;
  `,
];

/** Brings the database up to date, one transaction per migration. */
export function migrate(db: Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > MIGRATIONS.length) {
    throw new Error(
      `the database is at schema version ${applied}, newer than this control plane knows ` +
        `(${MIGRATIONS.length}); upgrade the control plane or use another INFLOW_DATA_DIR`,
    );
  }
  MIGRATIONS.forEach((sql, index) => {
    if (index < applied) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${index + 1}`);
    })();
  });
}
