import type { Database } from 'better-sqlite3';
import type { HubStore, HubStoreContents, VariableRef } from '@inflow/shared-core';

/**
 * The hub's merged variable states in the control plane's SQLite file: a saved state per variable
 * and the deltas appended since. Each method is one statement or one transaction, committed
 * (`synchronous = FULL`) before it returns, so the hub acknowledges only what is on disk.
 */
export function sqliteHubStore(db: Database): HubStore {
  const q = {
    append: db.prepare('INSERT INTO hub_deltas (deployment, variable, delta) VALUES (?, ?, ?)'),
    putState: db.prepare(
      `INSERT INTO hub_states (deployment, variable, state) VALUES (?, ?, ?)
       ON CONFLICT (deployment, variable) DO UPDATE SET state = excluded.state`,
    ),
    dropDeltas: db.prepare('DELETE FROM hub_deltas WHERE deployment = ? AND variable = ?'),
    state: db.prepare<[string, string], { state: Buffer }>(
      'SELECT state FROM hub_states WHERE deployment = ? AND variable = ?',
    ),
    deltas: db.prepare<[string, string], { delta: Buffer }>(
      'SELECT delta FROM hub_deltas WHERE deployment = ? AND variable = ? ORDER BY id',
    ),
  };
  const saveState = db.transaction((ref: VariableRef, state: Uint8Array) => {
    q.putState.run(ref.deployment, ref.variable, state);
    q.dropDeltas.run(ref.deployment, ref.variable);
  });
  const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return {
    appendDelta: (ref, delta) => {
      q.append.run(ref.deployment, ref.variable, delta);
    },
    saveState: (ref, state) => saveState(ref, state),
    load: (ref): HubStoreContents => {
      const state = q.state.get(ref.deployment, ref.variable)?.state;
      const deltas = q.deltas.all(ref.deployment, ref.variable).map((r) => bytes(r.delta));
      return state ? { state: bytes(state), deltas } : { deltas };
    },
  };
}
