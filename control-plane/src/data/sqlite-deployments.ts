import type { Database } from 'better-sqlite3';
import type { DeploymentRecord, DeploymentSeed, DeploymentStatus, Store } from './store.js';

interface DeploymentRow {
  id: string;
  graph_id: string;
  rev: number;
  status: DeploymentStatus;
  version: number;
  placement: string;
  created_at: number;
  updated_at: number;
  replaces: string | null;
  replaced_by: string | null;
  former_hosts: string | null;
}

const toDeployment = (r: DeploymentRow): DeploymentRecord => ({
  id: r.id,
  graphId: r.graph_id,
  rev: r.rev,
  status: r.status,
  version: r.version,
  placement: r.placement,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  ...(r.replaces === null ? {} : { replaces: r.replaces }),
  ...(r.replaced_by === null ? {} : { replacedBy: r.replaced_by }),
  ...(r.former_hosts === null ? {} : { formerHosts: r.former_hosts }),
});

// Derived, not stored: the deployment whose `replaces` names this one.
const SELECT = `SELECT d.*, (SELECT r.id FROM deployments r WHERE r.replaces = d.id) AS replaced_by
  FROM deployments d`;

type DeploymentMethods = Pick<
  Store,
  'insertDeployment' | 'updatePlacement' | 'stopDeployment' | 'getDeployment' | 'listDeployments'
>;

/** The deployments table of the embedded store. */
export function sqliteDeployments(db: Database): DeploymentMethods {
  const q = {
    insert: db.prepare(
      `INSERT INTO deployments
         (id, graph_id, rev, status, version, placement, created_at, updated_at, replaces,
          former_hosts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    seedState: db.prepare('INSERT INTO hub_states (deployment, variable, state) VALUES (?, ?, ?)'),
    seedEffect: db.prepare(
      'INSERT INTO effects (deployment, node, key, holder, status, grants) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    place: db.prepare(
      // One statement: a plan is never stored without the former hosts it leaves.
      `UPDATE deployments SET version = ?, placement = ?, former_hosts = ?, updated_at = ?
       WHERE id = ? AND version = ? AND status = 'running'`,
    ),
    stop: db.prepare(
      `UPDATE deployments SET status = 'stopped', updated_at = ? WHERE id = ? AND status = 'running'`,
    ),
    get: db.prepare<[string], DeploymentRow>(`${SELECT} WHERE d.id = ?`),
    list: db.prepare<[], DeploymentRow>(`${SELECT} ORDER BY d.created_at, d.id`),
  };
  // One transaction: a deployment never exists without the state it was meant to start from.
  const insert = db.transaction((d: DeploymentRecord, seed: DeploymentSeed | undefined) => {
    q.insert.run(
      d.id,
      d.graphId,
      d.rev,
      d.status,
      d.version,
      d.placement,
      d.createdAt,
      d.updatedAt,
      d.replaces ?? null,
      d.formerHosts ?? null,
    );
    for (const [variable, state] of seed?.states ?? []) q.seedState.run(d.id, variable, state);
    for (const e of seed?.effects ?? []) {
      q.seedEffect.run(d.id, e.node, e.key, e.holder, e.status, e.grants);
    }
  });
  return {
    insertDeployment: async (d, seed) => insert(d, seed),
    updatePlacement: async (u) =>
      q.place.run(u.version, u.placement, u.formerHosts, u.at, u.id, u.version - 1).changes === 1,
    stopDeployment: async (id, at) => q.stop.run(at, id).changes === 1,
    getDeployment: async (id) => {
      const row = q.get.get(id);
      return row && toDeployment(row);
    },
    listDeployments: async () => q.list.all().map(toDeployment),
  };
}
