import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../data/sqlite-store.js';
import type { StoredHubEvent } from '../data/store.js';
import { RecentEvents } from './recent-events.js';

const effect = (n: number) => ({ at: n, kind: 'effect' as const, message: `effect ${n}` });

describe('the recent hub events', () => {
  it('numbers each event and keeps the newest, oldest first, up to its capacity', () => {
    const recent = new RecentEvents({ capacity: 3, prefix: 'log' });
    const numbered = [1, 2, 3, 4, 5].map((n) => recent.record(effect(n)));
    expect(numbered.map((e) => e.id)).toEqual(['log-1', 'log-2', 'log-3', 'log-4', 'log-5']);
    expect(recent.list()).toEqual(numbered.slice(2));
    // A copy: what a caller does with it changes nothing kept.
    recent.list().pop();
    expect(recent.list()).toHaveLength(3);
  });

  it('gives ids that another log does not give', () => {
    const before = new RecentEvents().record(effect(1));
    const after = new RecentEvents().record(effect(1));
    expect(before.id).toMatch(/^[0-9a-f]{12}-1$/);
    expect(after.id).not.toBe(before.id);
  });

  it('lists what was restored under the same ids, numbers on from it, and writes through', async () => {
    const written: StoredHubEvent[][] = [];
    const restored = [3, 4, 5].map((seq) => ({ ...effect(seq), seq }));
    const recent = new RecentEvents({
      capacity: 3,
      prefix: 'log',
      restored,
      persist: (e) => written.push(e),
    });
    expect(recent.list().map((e) => e.id)).toEqual(['log-3', 'log-4', 'log-5']);
    expect(recent.record(effect(6)).id).toBe('log-6');
    recent.record(effect(7));
    expect(written).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    // One write for the events of one turn.
    expect(written).toEqual([[6, 7].map((seq) => ({ ...effect(seq), seq }))]);
    recent.record(effect(8));
    recent.close();
    expect(written).toHaveLength(2);
    expect(written[1]).toEqual([{ ...effect(8), seq: 8 }]);
    recent.record(effect(9));
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toHaveLength(2);
    expect(recent.list().map((e) => e.id)).toEqual(['log-7', 'log-8', 'log-9']);
  });

  it('when opened on a store again, then the same events come back with the same ids', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inflow-events-'));
    const file = join(dir, 'inflow.db');
    try {
      const store = openSqliteStore(file);
      const first = await RecentEvents.open(store, (e) => expect.fail(String(e)), 2);
      const sent = [1, 2, 3].map((n) => first.record({ ...effect(n), deployment: 'd_1' }));
      first.close();
      await store.close();

      const again = openSqliteStore(file);
      const second = await RecentEvents.open(again, (e) => expect.fail(String(e)), 2);
      expect(second.list()).toEqual(sent.slice(1));
      const next = second.record(effect(4));
      expect(next.id).toBe(sent[0]!.id.replace(/-1$/, '-4'));
      second.close();
      expect(await again.recentHubEvents(2)).toEqual([
        { ...effect(3), deployment: 'd_1', seq: 3 },
        { ...effect(4), seq: 4 },
      ]);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when a write fails, then it is reported and the event is still numbered and kept', async () => {
    const failures: unknown[] = [];
    const dir = await mkdtemp(join(tmpdir(), 'inflow-events-'));
    try {
      const store = openSqliteStore(join(dir, 'inflow.db'));
      const recent = await RecentEvents.open(store, (e) => failures.push(e));
      await store.close();
      const kept = recent.record(effect(1));
      await new Promise((resolve) => setImmediate(resolve));
      expect(failures).toHaveLength(1);
      expect(recent.list()).toEqual([kept]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
