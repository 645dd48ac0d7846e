import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReplicaLog } from '@inflow/shared-core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrateAgentDb } from './agent-migrations.js';
import { AgentStore } from './agent-store.js';
import { SqliteReplicaLog } from './sqlite-replica-log.js';

const ref = { deployment: 'd', variable: 'v' };
const bytes = (...b: number[]) => new Uint8Array(b);

const dirs: string[] = [];
const opened: AgentStore[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-agent-log-'));
  dirs.push(dir);
  return dir;
}
function open(dir?: string): AgentStore {
  const store = AgentStore.open(dir);
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeReplicaLog('SqliteReplicaLog', () => open().log);

describe('SqliteReplicaLog', () => {
  it('stores a view into a larger buffer as exactly its bytes', () => {
    const log = open().log;
    const backing = bytes(0, 1, 2, 3, 4, 5);
    log.append(ref, 1, backing.subarray(2, 4));
    expect(log.load(ref).entries[0]?.delta).toEqual(bytes(2, 3));
  });

  it('keeps everything across a reopen of the file, and the next seq never goes back', () => {
    const dir = tempDir();
    const first = open(dir);
    first.log.append(ref, 1, bytes(1));
    first.log.append(ref, 2, bytes(2));
    first.log.acked(ref, [1]);
    first.log.compact(ref, bytes(1, 2), 2);
    first.log.append(ref, 3, bytes(3));
    const before = first.log.load(ref);
    const instance = first.instance;
    first.close();

    const second = open(dir);
    expect(second.instance).toBe(instance);
    expect(second.log.load(ref)).toEqual(before);
    expect(before.nextSeq).toBe(4);
    // Everything compacted away: the floor still holds after a reopen.
    second.log.acked(ref, [3]);
    second.log.compact(ref, bytes(1, 2, 3), 3);
    second.close();
    const third = open(dir);
    expect(third.log.load(ref)).toEqual({ snapshot: bytes(1, 2, 3), entries: [], nextSeq: 4 });
  });

  it('compacts atomically: a failure inside the transaction leaves the old contents', () => {
    const db = new Database(':memory:');
    migrateAgentDb(db);
    const log = new SqliteReplicaLog(db, (error) => {
      throw error;
    });
    log.append(ref, 1, bytes(1));
    log.append(ref, 2, bytes(2));
    const before = log.load(ref);
    // The head row is written first, then the DELETE fails: the head must not survive.
    db.exec(`CREATE TRIGGER fail BEFORE DELETE ON replica_deltas
             BEGIN SELECT RAISE(ABORT, 'the disk went away'); END`);
    expect(() => log.compact(ref, bytes(9), 2)).toThrow('the disk went away');
    expect(log.load(ref)).toEqual(before);
    db.exec('DROP TRIGGER fail');
    log.compact(ref, bytes(9), 2);
    expect(log.load(ref)).toEqual({ snapshot: bytes(9), entries: [], nextSeq: 3 });
    db.close();
  });

  it('ack marks reach the file by the end of the turn, before a load, and at close', async () => {
    const dir = tempDir();
    const store = open(dir);
    for (const seq of [1, 2, 3, 4]) store.log.append(ref, seq, bytes(seq));
    store.log.acked(ref, [1]);
    store.log.acked(ref, [2]);
    const acked = () =>
      store.log
        .load(ref)
        .entries.filter((e) => e.acked)
        .map((e) => e.seq);
    await new Promise((resolve) => setImmediate(resolve));
    expect(acked()).toEqual([1, 2]);
    store.log.acked(ref, [3]);
    // A load writes the marks first.
    expect(acked()).toEqual([1, 2, 3]);
    store.log.acked(ref, [4]);
    store.close();
    expect(
      open(dir)
        .log.load(ref)
        .entries.every((e) => e.acked),
    ).toBe(true);
  });

  it('writes ack marks later, and hands a failure to its caller instead of throwing', async () => {
    const db = new Database(':memory:');
    migrateAgentDb(db);
    const failures: Error[] = [];
    const log = new SqliteReplicaLog(db, (error) => failures.push(error));
    log.append(ref, 1, bytes(1));
    db.exec(`CREATE TRIGGER fail BEFORE UPDATE ON replica_deltas
             BEGIN SELECT RAISE(ABORT, 'the disk went away'); END`);
    log.acked(ref, [1]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures.map((e) => e.message)).toEqual(['the disk went away']);
    expect(log.load(ref).entries).toEqual([{ seq: 1, delta: bytes(1), acked: false }]);
    db.close();
  });

  it('forgets a deployment: its log rows and its assignment, and nothing else', () => {
    const store = open();
    const kept = { deployment: 'e', variable: 'v' };
    store.log.append(ref, 1, bytes(1));
    store.log.compact(ref, bytes(1), 1);
    store.log.append(kept, 1, bytes(2));
    store.forgetDeployment('d');
    expect(store.log.load(ref)).toEqual({ entries: [], nextSeq: 1 });
    expect(store.log.load(kept).entries).toHaveLength(1);
  });
});
