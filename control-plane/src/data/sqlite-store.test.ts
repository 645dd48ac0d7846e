import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';
import { storeContract, type StoreFixture } from './store-contract.js';

async function sqliteFixture(): Promise<StoreFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'inflow-store-'));
  const file = join(dir, 'inflow.db');
  let current: Store = openSqliteStore(file);
  return {
    store: current,
    reopen: async () => {
      await current.close();
      current = openSqliteStore(file);
      return current;
    },
    dispose: async () => {
      await current.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

storeContract('sqlite', sqliteFixture);

describe('sqlite store', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const file = async () => {
    dir = await mkdtemp(join(tmpdir(), 'inflow-store-'));
    return join(dir, 'inflow.db');
  };

  it('when opened, then the file is in WAL mode at the latest schema version', async () => {
    const path = await file();
    const store = openSqliteStore(path);
    await store.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('when the second row of an insert fails, then the first is rolled back too', async () => {
    const path = await file();
    await openSqliteStore(path).close();
    const db = new Database(path);
    db.exec(`CREATE TRIGGER fail_revision BEFORE INSERT ON graph_revisions
             WHEN NEW.document = 'boom' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    db.close();
    const store = openSqliteStore(path);
    await expect(
      store.insertGraph({ id: 'g1', name: 'x', document: 'boom', at: 1 }),
    ).rejects.toThrow('disk full');
    expect(await store.listGraphs()).toEqual([]);
    await store.insertGraph({ id: 'g2', name: 'x', document: '{}', at: 1 });
    await expect(
      store.updateGraph({ id: 'g2', baseRev: 1, name: 'y', document: 'boom', at: 2 }),
    ).rejects.toThrow('disk full');
    expect(await store.listGraphs()).toMatchObject([{ id: 'g2', name: 'x', rev: 1 }]);
    await store.close();
  });

  it('when the database is newer than this code, then opening it fails with a clear message', async () => {
    const path = await file();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteStore(path)).toThrow(/newer than this control plane knows/);
  });

  it('when a stored event has a kind this build does not know, then it is left out', async () => {
    const path = await file();
    const store = openSqliteStore(path);
    await store.appendHubEvents([{ seq: 1, at: 1, kind: 'deploy', message: 'deployed' }], 10);
    await store.close();
    const db = new Database(path);
    db.prepare(
      `INSERT INTO hub_events (seq, at, kind, message) VALUES (2, 2, 'paused', 'x')`,
    ).run();
    db.close();
    const again = openSqliteStore(path);
    expect(await again.recentHubEvents(10)).toEqual([
      { seq: 1, at: 1, kind: 'deploy', message: 'deployed' },
    ]);
    await again.close();
  });
});
