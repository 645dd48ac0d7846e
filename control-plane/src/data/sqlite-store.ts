import Database from 'better-sqlite3';
import { migrate } from './migrations.js';
import { sqliteDeployments } from './sqlite-deployments.js';
import { sqliteEffectStore } from './sqlite-effect-store.js';
import { sqliteHubEvents } from './sqlite-hub-events.js';
import { sqliteHubStore } from './sqlite-hub-store.js';
import type {
  AgentConnectResult,
  AgentRecord,
  AgentTokenRecord,
  GraphRevisionRecord,
  GraphSummaryRecord,
  GraphDeleteResult,
  GraphUpdateResult,
  Labels,
  Store,
} from './store.js';

interface TokenRow {
  id: string;
  name: string | null;
  labels: string;
  trusted: number;
  token_hash: string;
  created_at: number;
}

interface AgentRow {
  id: string;
  name: string;
  labels: string;
  trusted: number;
  online: number;
  first_seen: number;
  last_seen: number;
}

interface RevisionRow {
  id: string;
  rev: number;
  name: string;
  document: string;
  created_at: number;
}

function parseLabels(text: string): Labels {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`stored labels are not an object: ${text.slice(0, 80)}`);
  }
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

const toToken = (r: TokenRow): AgentTokenRecord => ({
  id: r.id,
  name: r.name,
  labels: parseLabels(r.labels),
  trusted: r.trusted === 1,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
});

const toAgent = (r: AgentRow): AgentRecord => ({
  id: r.id,
  name: r.name,
  labels: parseLabels(r.labels),
  trusted: r.trusted === 1,
  online: r.online === 1,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
});

const toRevision = (r: RevisionRow): GraphRevisionRecord => ({
  id: r.id,
  rev: r.rev,
  name: r.name,
  document: r.document,
  createdAt: r.created_at,
});

const AGENT_COLUMNS = `a.id, a.name, a.labels, t.trusted, a.online, a.first_seen, a.last_seen`;

/**
 * The embedded store: one SQLite file in WAL mode with `synchronous = FULL`, so a commit is on
 * disk (not just in the OS cache) before the call returns; the hub's replicated deltas are
 * committed in groups (`sqliteHubStore`). better-sqlite3 is synchronous; the async interface is
 * for backends that are not.
 */
export function openSqliteStore(
  file: string,
  options: { onHubCommitFailed?: (error: Error) => void } = {},
): Store {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const q = {
    getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    putSetting: db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    insertGraph: db.prepare(
      'INSERT INTO graphs (id, name, rev, created_at, updated_at) VALUES (?, ?, 1, ?, ?)',
    ),
    insertRevision: db.prepare(
      'INSERT INTO graph_revisions (graph_id, rev, name, document, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    graphRev: db.prepare<[string], { rev: number }>('SELECT rev FROM graphs WHERE id = ?'),
    bumpGraph: db.prepare('UPDATE graphs SET rev = ?, name = ?, updated_at = ? WHERE id = ?'),
    revision: db.prepare<[string, number], RevisionRow>(
      `SELECT graph_id AS id, rev, name, document, created_at FROM graph_revisions
       WHERE graph_id = ? AND rev = ?`,
    ),
    listGraphs: db.prepare<[], { id: string; name: string; rev: number; c: number; u: number }>(
      'SELECT id, name, rev, created_at AS c, updated_at AS u FROM graphs ORDER BY created_at, id',
    ),
    nameHolder: db.prepare<[string, string, string, string], { id: string }>(
      `SELECT id FROM agent_tokens WHERE name = ? AND id <> ?
       UNION SELECT id FROM agents WHERE name = ? AND id <> ? LIMIT 1`,
    ),
    insertToken: db.prepare(
      `INSERT INTO agent_tokens (id, name, labels, trusted, token_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    tokenByHash: db.prepare<[string], TokenRow>('SELECT * FROM agent_tokens WHERE token_hash = ?'),
    tokenById: db.prepare<[string], TokenRow>('SELECT * FROM agent_tokens WHERE id = ?'),
    listTokens: db.prepare<[], TokenRow>('SELECT * FROM agent_tokens ORDER BY created_at, id'),
    deleteToken: db.prepare('DELETE FROM agent_tokens WHERE id = ?'),
    upsertAgent: db.prepare(
      `INSERT INTO agents (id, name, labels, online, first_seen, last_seen) VALUES (?, ?, ?, 1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, labels = excluded.labels, online = 1,
       last_seen = excluded.last_seen`,
    ),
    agentById: db.prepare<[string], AgentRow>(
      `SELECT ${AGENT_COLUMNS} FROM agents a JOIN agent_tokens t ON t.id = a.id WHERE a.id = ?`,
    ),
    listAgents: db.prepare<[], AgentRow>(
      `SELECT ${AGENT_COLUMNS} FROM agents a JOIN agent_tokens t ON t.id = a.id ORDER BY a.name`,
    ),
    agentOffline: db.prepare('UPDATE agents SET online = 0, last_seen = ? WHERE id = ?'),
    allOffline: db.prepare('UPDATE agents SET online = 0, last_seen = ? WHERE online = 1'),
    runningOf: db.prepare<[string], { id: string }>(
      "SELECT id FROM deployments WHERE graph_id = ? AND status = 'running' ORDER BY id",
    ),
    deleteDeploymentsOf: db.prepare('DELETE FROM deployments WHERE graph_id = ?'),
    deleteGraph: db.prepare('DELETE FROM graphs WHERE id = ?'),
  };

  const insertGraph = db.transaction(
    (g: { id: string; name: string; document: string; at: number }) => {
      q.insertGraph.run(g.id, g.name, g.at, g.at);
      q.insertRevision.run(g.id, 1, g.name, g.document, g.at);
    },
  );

  const updateGraph = db.transaction(
    (u: { id: string; baseRev: number; name: string; document: string; at: number }) => {
      const current = q.graphRev.get(u.id);
      if (!current) return { status: 'missing' } satisfies GraphUpdateResult;
      if (current.rev !== u.baseRev) {
        return { status: 'stale', currentRev: current.rev } satisfies GraphUpdateResult;
      }
      const rev = current.rev + 1;
      q.insertRevision.run(u.id, rev, u.name, u.document, u.at);
      q.bumpGraph.run(rev, u.name, u.at, u.id);
      return { status: 'updated', rev } satisfies GraphUpdateResult;
    },
  );

  // Revisions, hub state, deltas and effects go with their rows (ON DELETE CASCADE).
  const deleteGraph = db.transaction((id: string): GraphDeleteResult => {
    if (!q.graphRev.get(id)) return { status: 'missing' };
    const running = q.runningOf.all(id).map((r) => r.id);
    if (running.length > 0) return { status: 'running', deployments: running };
    q.deleteDeploymentsOf.run(id);
    q.deleteGraph.run(id);
    return { status: 'deleted' };
  });

  const insertToken = db.transaction((t: AgentTokenRecord): 'created' | 'name-taken' => {
    if (t.name !== null && q.nameHolder.get(t.name, t.id, t.name, t.id)) return 'name-taken';
    q.insertToken.run(
      t.id,
      t.name,
      JSON.stringify(t.labels),
      t.trusted ? 1 : 0,
      t.tokenHash,
      t.createdAt,
    );
    return 'created';
  });

  const connectAgent = db.transaction(
    (a: { id: string; name: string; labels: Labels; at: number }): AgentConnectResult => {
      if (!q.tokenById.get(a.id)) return { status: 'no-token' };
      const holder = q.nameHolder.get(a.name, a.id, a.name, a.id);
      if (holder) return { status: 'name-taken', by: holder.id };
      q.upsertAgent.run(a.id, a.name, JSON.stringify(a.labels), a.at, a.at);
      const row = q.agentById.get(a.id);
      if (!row) throw new Error(`agent ${a.id} vanished inside its own transaction`);
      return { status: 'connected', agent: toAgent(row) };
    },
  );

  let open = true;
  const hub = sqliteHubStore(db, options.onHubCommitFailed);
  return {
    getSetting: async (key) => q.getSetting.get(key)?.value,
    putSetting: async (key, value) => {
      q.putSetting.run(key, value);
    },
    insertGraph: async (g) => insertGraph(g),
    updateGraph: async (u) => updateGraph(u),
    getGraph: async (id, rev) => {
      const at = rev ?? q.graphRev.get(id)?.rev;
      if (at === undefined) return undefined;
      const row = q.revision.get(id, at);
      return row && toRevision(row);
    },
    listGraphs: async (): Promise<GraphSummaryRecord[]> =>
      q.listGraphs
        .all()
        .map((r) => ({ id: r.id, name: r.name, rev: r.rev, createdAt: r.c, updatedAt: r.u })),
    deleteGraph: async (id) => deleteGraph(id),
    insertAgentToken: async (t) => insertToken(t),
    findAgentTokenByHash: async (hash) => {
      const row = q.tokenByHash.get(hash);
      return row && toToken(row);
    },
    getAgentToken: async (id) => {
      const row = q.tokenById.get(id);
      return row && toToken(row);
    },
    listAgentTokens: async () => q.listTokens.all().map(toToken),
    // The agent row goes with it (ON DELETE CASCADE), in the same statement.
    deleteAgentToken: async (id) => q.deleteToken.run(id).changes > 0,
    recordAgentConnected: async (a) => connectAgent(a),
    recordAgentDisconnected: async (id, at) => {
      q.agentOffline.run(at, id);
    },
    markAllAgentsOffline: async (at) => {
      q.allOffline.run(at);
    },
    listAgents: async () => q.listAgents.all().map(toAgent),
    ...sqliteDeployments(db),
    ...sqliteHubEvents(db),
    hub,
    effects: sqliteEffectStore(db),
    close: async () => {
      if (!open) return;
      open = false;
      hub.commit();
      db.close();
    },
  };
}
