import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VariableRef } from '@inflow/shared-core';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

const ref = (variable: string): VariableRef => ({ deployment: 'd1', variable });

/** Resolves with the error `whenDurable` gives, or undefined once the writes are durable. */
const durable = (store: Store, r: VariableRef) =>
  new Promise<Error | undefined>((resolve) => store.hub.whenDurable?.(r, resolve));

describe('the hub store in SQLite', () => {
  let dir: string;
  let store: Store | undefined;
  let reader: Database.Database | undefined;
  const failures: Error[] = [];

  async function open(): Promise<{ store: Store; committed: () => number }> {
    dir = await mkdtemp(join(tmpdir(), 'inflow-hub-store-'));
    const file = join(dir, 'inflow.db');
    store = openSqliteStore(file, { onHubCommitFailed: (e) => failures.push(e) });
    await store.insertGraph({ id: 'g1', name: 'One', document: '{}', at: 5 });
    await store.insertDeployment({
      id: 'd1',
      graphId: 'g1',
      rev: 1,
      status: 'running',
      version: 1,
      placement: '{"nodes":{}}',
      createdAt: 10,
      updatedAt: 10,
    });
    // Another connection sees only what is committed.
    const r = new Database(file, { readonly: true });
    reader = r;
    const count = r.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM hub_deltas');
    return { store, committed: () => count.get()?.n ?? 0 };
  }

  afterEach(async () => {
    reader?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
    failures.length = 0;
  });

  it('when deltas arrive together, then they are committed together, and whoever waits hears only after', async () => {
    const { store, committed } = await open();
    for (const v of ['a', 'b', 'c']) store.hub.appendDelta(ref(v), new Uint8Array([1]));
    expect(committed()).toBe(0);
    const seen: number[] = [];
    store.hub.whenDurable?.(ref('a'), () => seen.push(committed()));
    expect(await durable(store, ref('c'))).toBeUndefined();
    expect(seen).toEqual([3]);
    // Nothing held: at once.
    let now = false;
    store.hub.whenDurable?.(ref('a'), () => (now = true));
    expect(now).toBe(true);
  });

  it('when a held delta is a view of a buffer that is reused, then what was appended is stored', async () => {
    const { store } = await open();
    const buffer = new Uint8Array([7, 7]);
    store.hub.appendDelta(ref('a'), buffer.subarray(0, 1));
    buffer[0] = 9;
    await durable(store, ref('a'));
    expect(store.hub.load(ref('a'))).toEqual({ deltas: [new Uint8Array([7])] });
  });

  it('when one write cannot be committed, then only its variable fails and the others are stored', async () => {
    const { store, committed } = await open();
    const db = new Database(join(dir, 'inflow.db'));
    db.exec(`CREATE TRIGGER fail_bad BEFORE INSERT ON hub_deltas
             WHEN NEW.variable = 'bad' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    db.close();
    store.hub.appendDelta(ref('good'), new Uint8Array([1]));
    store.hub.appendDelta(ref('bad'), new Uint8Array([2]));
    store.hub.appendDelta(ref('also-good'), new Uint8Array([3]));
    const [good, bad, alsoGood] = await Promise.all(
      ['good', 'bad', 'also-good'].map((v) => durable(store, ref(v))),
    );
    expect(good).toBeUndefined();
    expect(alsoGood).toBeUndefined();
    expect(bad?.message).toMatch(/disk full/);
    expect(failures.map((e) => e.message)).toEqual([expect.stringMatching(/disk full/)]);
    expect(committed()).toBe(2);
    expect(store.hub.load(ref('bad'))).toEqual({ deltas: [] });
  });

  it('when the store closes holding writes, then they are committed first', async () => {
    const { store, committed } = await open();
    store.hub.appendDelta(ref('a'), new Uint8Array([1]));
    store.hub.saveState(ref('b'), new Uint8Array([2]));
    await store.close();
    expect(committed()).toBe(1);
    const states = reader?.prepare('SELECT variable FROM hub_states').all();
    expect(states).toEqual([{ variable: 'b' }]);
  });
});
