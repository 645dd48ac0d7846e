import type { Database } from 'better-sqlite3';
import type { EffectClaim, EffectRecord, EffectStatus, EffectStore } from '@inflow/shared-core';

interface EffectRow {
  deployment: string;
  node: string;
  key: string;
  holder: string;
  status: EffectStatus;
  grants: number;
}

const toRecord = (r: EffectRow): EffectRecord => ({ ...r });

/**
 * The record of side effects in the control plane's SQLite file. `insert` relies on the primary
 * key (deployment, node, key): of two claimants, exactly one row goes in.
 */
export function sqliteEffectStore(db: Database): EffectStore {
  const q = {
    get: db.prepare<[string, string, string], EffectRow>(
      'SELECT * FROM effects WHERE deployment = ? AND node = ? AND key = ?',
    ),
    insert: db.prepare(
      `INSERT INTO effects (deployment, node, key, holder, status, grants) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),
    replace: db.prepare(
      'UPDATE effects SET holder = ?, status = ?, grants = ? WHERE deployment = ? AND node = ? AND key = ?',
    ),
    list: db.prepare<[string], EffectRow>(
      'SELECT * FROM effects WHERE deployment = ? ORDER BY node, key',
    ),
  };
  return {
    get: (c: EffectClaim) => {
      const row = q.get.get(c.deployment, c.node, c.key);
      return row && toRecord(row);
    },
    insert: (r) =>
      q.insert.run(r.deployment, r.node, r.key, r.holder, r.status, r.grants).changes === 1,
    replace: (r) => {
      q.replace.run(r.holder, r.status, r.grants, r.deployment, r.node, r.key);
    },
    list: (deployment) => q.list.all(deployment).map(toRecord),
  };
}
