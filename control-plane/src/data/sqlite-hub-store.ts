import type { Database } from 'better-sqlite3';
import {
  refKey,
  type DurableCallback,
  type HubStore,
  type HubStoreContents,
  type VariableRef,
} from '@inflow/shared-core';

interface HeldWrite {
  readonly kind: 'append' | 'save';
  readonly ref: VariableRef;
  readonly bytes: Uint8Array;
}

/** The hub store's writes and the commit that makes them durable. */
export interface SqliteHubStore extends HubStore {
  /** Commits the held writes now (before the database closes). */
  commit(): void;
}

/**
 * The hub's merged variable states in the control plane's SQLite file: a saved state per variable
 * and the deltas appended since. Writes are held and committed together once the event loop has
 * taken in what arrived with them (`setImmediate`): one transaction, so one fsync
 * (`synchronous = FULL`), for a burst of deltas from many agents and variables, where a commit
 * each made an agent updating 625 variables at 10 Hz cost the control plane most of its time.
 * The hub acknowledges a delta only from `whenDurable`, after the commit. If the commit fails,
 * each write is tried in a commit of its own, so that one bad write (say, of a deployment no
 * longer stored) fails only its variable: its waiting get the error, and so does
 * `onCommitFailed`.
 */
export function sqliteHubStore(
  db: Database,
  onCommitFailed: (error: Error) => void = () => {},
): SqliteHubStore {
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
  const write = ({ kind, ref, bytes }: HeldWrite) => {
    if (kind === 'append') {
      q.append.run(ref.deployment, ref.variable, bytes);
    } else {
      q.putState.run(ref.deployment, ref.variable, bytes);
      q.dropDeltas.run(ref.deployment, ref.variable);
    }
  };
  const writeOne = db.transaction(write);
  const writeAll = db.transaction((writes: readonly HeldWrite[]) => writes.forEach(write));
  const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

  let held: HeldWrite[] = [];
  let waiting: Array<{ key: string; done: DurableCallback }> = [];
  let scheduled: NodeJS.Immediate | undefined;

  /** The error of each variable with a write that could not be committed. */
  const commitWrites = (writes: readonly HeldWrite[]): Map<string, Error> => {
    const failed = new Map<string, Error>();
    if (writes.length === 0) return failed;
    try {
      writeAll(writes);
      return failed;
    } catch {
      for (const w of writes) {
        const key = refKey(w.ref);
        if (failed.has(key)) continue;
        try {
          writeOne(w);
        } catch (error) {
          failed.set(key, asError(error));
        }
      }
    }
    for (const error of failed.values()) onCommitFailed(error);
    return failed;
  };

  const commit = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    const writes = held;
    const done = waiting;
    held = [];
    waiting = [];
    const failed = commitWrites(writes);
    for (const w of done) w.done(failed.get(w.key));
  };
  // Copied: the caller's bytes may be a view of a socket buffer that is reused.
  const hold = (kind: HeldWrite['kind'], ref: VariableRef, data: Uint8Array) => {
    held.push({ kind, ref, bytes: data.slice() });
    scheduled ??= setImmediate(commit);
  };

  return {
    appendDelta: (ref, delta) => hold('append', ref, delta),
    saveState: (ref, state) => hold('save', ref, state),
    load: (ref): HubStoreContents => {
      if (held.length > 0) commit();
      const state = q.state.get(ref.deployment, ref.variable)?.state;
      const deltas = q.deltas.all(ref.deployment, ref.variable).map((r) => bytes(r.delta));
      return state ? { state: bytes(state), deltas } : { deltas };
    },
    whenDurable: (ref, done) => {
      if (held.length === 0) done();
      else waiting.push({ key: refKey(ref), done });
    },
    commit,
  };
}
