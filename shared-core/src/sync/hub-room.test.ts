import { describe, expect, it } from 'vitest';
import { encodeState } from '../crdt/lattice.js';
import { gcounter } from '../crdt/gcounter.js';
import { erase } from '../crdt/erase.js';
import { HubRoom } from './hub-room.js';
import { MemoryHubStore } from './hub-store.js';
import { SyncError } from './sync-error.js';
import { ALL_VARIABLES, DEPLOYMENT, SyncSim, type SimAgent } from './sync-sim.js';
import type { SyncLink } from './sync-link.js';

const increment = { op: 'increment' };
const ref = (variable: string) => ({ deployment: DEPLOYMENT, variable });

function sim(
  options: {
    agents?: number;
    counterOnly?: number[];
    compactEvery?: number;
    groupCommit?: boolean;
  } = {},
) {
  const s = new SyncSim({ seed: 3, agents: options.agents ?? 3, setType: 'orset', ...options });
  s.quiesce();
  return s;
}

/** Everything that a refused message must leave unchanged. */
function snapshot(s: SyncSim) {
  return {
    states: ALL_VARIABLES.map((v) => encodeState(s.types.get(v) as never, s.hub.state(v))),
    stored: ALL_VARIABLES.map((v) => s.store.size(ref(v))),
    inFlight: s.agents.map((a) => a.pair.pending),
  };
}

/** `a0` reconnects and sends its unacknowledged increment again: acknowledged, and kept. */
function expectSentAgainAndKept(s: SyncSim, a0: SimAgent) {
  s.disconnect(a0);
  s.connect(a0);
  s.quiesce();
  expect(a0.endpoint?.stats().unacked).toBe(0);
  s.restartHub();
  expect(s.hub.query('clicks')).toBe(1);
}

describe('HubRoom', () => {
  it('forwards a delta to every other member of the room, never back to its sender', () => {
    const s = sim();
    const [a0, a1, a2] = [s.at(0), s.at(1), s.at(2)];
    const marks = s.agents.map((a) => a.pair.sent.length);
    s.update(a0, 'clicks', increment);
    s.quiesce();
    const fromHub = (i: number) =>
      s
        .at(i)
        .pair.sent.slice(marks[i])
        .filter((m) => m.from === 'hub')
        .map((m) => m.event);
    expect(fromHub(0)).toEqual(['ack']);
    expect(fromHub(1)).toEqual(['delta']);
    expect(fromHub(2)).toEqual(['delta']);
    const sentByA0 = a0.pair.sent.slice(marks[0]).find((m) => m.event === 'delta')?.message;
    const toA1 = a1.pair.sent.slice(marks[1]).find((m) => m.event === 'delta')?.message;
    expect(toA1 && 'delta' in toA1 && toA1.delta).toEqual(
      sentByA0 && 'delta' in sentByA0 && sentByA0.delta,
    );
    expect(a2.lasp?.query('clicks')).toBe(1);
  });

  it('merges a delta from outside the room once: stored, forwarded to every member, idempotent', () => {
    const s = sim();
    const outside = gcounter.mutate(gcounter.bottom(), { op: 'increment', by: 5 }, 'old.replica');
    const bytes = encodeState(gcounter, outside);
    const marks = s.agents.map((a) => a.pair.sent.length);
    expect(s.hub.mergeDelta('clicks', bytes)).toEqual({ ok: true });
    expect(s.hub.mergeDelta('clicks', bytes)).toEqual({ ok: true });
    s.quiesce();
    expect(s.hub.query('clicks')).toBe(5);
    expect(s.store.size(ref('clicks'))).toBe(1);
    for (const [i, a] of s.agents.entries()) {
      const deltas = a.pair.sent
        .slice(marks[i])
        .filter((m) => m.from === 'hub' && m.event === 'delta');
      expect(deltas).toHaveLength(1);
      expect(a.lasp?.query('clicks')).toBe(5);
    }
    const before = snapshot(s);
    expect(s.hub.mergeDelta('zzz', bytes)).toMatchObject({ ok: false, code: 'unknown-variable' });
    expect(s.hub.mergeDelta('clicks', new Uint8Array([1, 200, 200]))).toMatchObject({
      ok: false,
      code: 'malformed-delta',
    });
    expect(snapshot(s)).toEqual(before);
  });

  it('gives a late joiner the whole current state at once from the digest exchange', () => {
    const s = sim();
    const late = s.at(2);
    s.disconnect(late);
    for (let i = 0; i < 30; i++) {
      s.update(s.at(i % 2), 'a', { op: 'add', value: i });
      s.update(s.at(i % 2), 'b', { op: 'add', value: 100 + i });
      if (i % 3 === 0) s.update(s.at(0), 'a', { op: 'remove', value: i - 3 });
      s.update(s.at(1), 'clicks', increment);
    }
    s.quiesce();
    const mark = late.pair.sent.length;
    s.connect(late);
    s.quiesce();
    const deltas = late.pair.sent
      .slice(mark)
      .filter((m) => m.from === 'hub' && m.event === 'delta');
    // One delta per variable it hosts (u's digest answer, and no further updates needed).
    expect(deltas.map((m) => m.message.variable).sort()).toEqual(['a', 'b', 'clicks', 'u']);
    for (const v of ALL_VARIABLES) {
      expect([v, late.lasp?.query(v)]).toEqual([v, s.hub.query(v)]);
    }
    expect(late.lasp?.query('clicks')).toBe(30);
  });

  it('refuses strangers, variables not hosted, unknown variables and malformed bytes, changing nothing', () => {
    const s = sim({ counterOnly: [2] });
    s.update(s.at(0), 'a', { op: 'add', value: 1 });
    s.quiesce();
    const hub = s.hub;
    const before = snapshot(s);
    const garbage = new Uint8Array([1, 0xff, 0xff, 0xff]);
    const valid = encodeState(s.types.get('a') as never, hub.state('a'));
    const cases = [
      hub.receive('stranger', 'delta', { ...ref('a'), seq: 1, delta: valid }),
      hub.receive('agent2', 'delta', { ...ref('a'), seq: 1, delta: valid }),
      hub.receive('agent0', 'digest', { ...ref('nope'), digest: garbage }),
      hub.receive('agent0', 'delta', { ...ref('a'), seq: 1, delta: garbage }),
      hub.receive('agent0', 'delta', { ...ref('a'), seq: 1, delta: new Uint8Array() }),
      hub.receive('agent0', 'digest', { ...ref('a'), digest: garbage }),
      hub.receive('agent0', 'delta', { deployment: 'other', variable: 'a', seq: 1, delta: valid }),
    ];
    expect(cases.map((r) => (r.ok ? 'ok' : r.code))).toEqual([
      'not-a-member',
      'not-hosted',
      'unknown-variable',
      'malformed-delta',
      'malformed-delta',
      'malformed-digest',
      'wrong-deployment',
    ]);
    for (const r of cases) if (!r.ok) expect(r.reason.length).toBeGreaterThan(5);
    expect(snapshot(s)).toEqual(before);
    expect(hub.stats().rejected).toBe(cases.length);
  });

  it('refuses a join naming an unknown variable', () => {
    const s = sim();
    const link: SyncLink = { isOpen: true, send: () => {} };
    expect(s.hub.join('x', link, ['a', 'nope'])).toMatchObject({
      ok: false,
      code: 'unknown-variable',
    });
    expect(s.hub.roomOf('a')).not.toContain('x');
  });

  it('acknowledges only what it stored: a failing store leaves the delta unacked and unmerged', () => {
    const s = sim();
    const a0 = s.at(0);
    s.store.failing = true;
    s.update(a0, 'clicks', increment);
    s.quiesce();
    expect(s.rejections).toEqual([expect.stringContaining('store-failed') as unknown]);
    s.rejections.length = 0;
    expect(s.hub.query('clicks')).toBe(0);
    expect(s.at(1).lasp?.query('clicks')).toBe(0);
    expect(a0.endpoint?.stats().unacked).toBe(1);
    s.store.failing = false;
    expectSentAgainAndKept(s, a0);
  });

  it('keeps what it acknowledged across its own restart, even if the sender never returns', () => {
    const s = sim();
    const a0 = s.at(0);
    for (let i = 0; i < 5; i++) s.update(a0, 'a', { op: 'add', value: i });
    s.quiesce();
    expect(a0.endpoint?.stats().unacked).toBe(0);
    s.crashAfter(a0, 0); // gone for good
    s.restartHub();
    s.quiesce();
    expect(s.hub.query('a')).toEqual([0, 1, 2, 3, 4]);
    expect(s.at(1).lasp?.query('a')).toEqual([0, 1, 2, 3, 4]);
  });

  /** agent0's increment, delivered to a hub whose store holds it for the next commit. */
  function heldIncrement() {
    const s = sim({ groupCommit: true });
    const a0 = s.at(0);
    s.update(a0, 'clicks', increment);
    a0.endpoint?.flush();
    s.deliver(1_000);
    expect(s.store.heldWrites).toBe(1);
    return { s, a0 };
  }

  it('with a store that commits in groups, forwards a delta at once and acknowledges it after the commit', () => {
    const { s, a0 } = heldIncrement();
    expect(s.at(1).lasp?.query('clicks')).toBe(1);
    expect(a0.endpoint?.stats().unacked).toBe(1);
    // Sent again on a new connection, the delta grows nothing, but its ack still waits for the
    // commit that holds it.
    s.disconnect(a0);
    s.connect(a0);
    s.deliver(1_000);
    expect(a0.endpoint?.stats().unacked).toBe(1);
    s.store.commit();
    s.deliver(1_000);
    expect(a0.endpoint?.stats().unacked).toBe(0);
    expect(s.store.heldWrites).toBe(0);
  });

  it('acknowledges nothing of a failed commit: the sender keeps the delta and sends it again', () => {
    const { s, a0 } = heldIncrement();
    s.store.failCommit();
    s.deliver(1_000);
    expect(a0.endpoint?.stats().unacked).toBe(1);
    expect(s.store.size(ref('clicks'))).toBe(0);
    expectSentAgainAndKept(s, a0);
  });

  it('compacts its store and restores the same state', () => {
    const s = sim({ compactEvery: 4 });
    for (let i = 0; i < 40; i++) {
      s.update(s.at(i % 3), 'a', { op: 'add', value: i });
      s.quiesce();
    }
    // Compacted, and what is stored beside the state weighs no more than it did (CompactionPace).
    const stored = s.store.load(ref('a'));
    const weights = stored.deltas.map((d) => d.length);
    expect(stored.state).toBeDefined();
    expect(weights.length).toBeLessThan(40);
    const since = weights.reduce((a, b) => a + b, 0);
    const largest = Math.max(0, ...weights);
    expect(since).toBeLessThanOrEqual(Math.max((stored.state?.length ?? 0) + largest, 4 * largest));
    const before = s.hub.query('a');
    s.restartHub();
    expect(s.hub.query('a')).toEqual(before);
    expect(before).toHaveLength(40);
  });

  it('counts the bytes of the deltas that grew each variable, for measured rates', () => {
    const store = new MemoryHubStore();
    const variables = new Map([
      ['clicks', erase(gcounter)],
      ['idle', erase(gcounter)],
    ]);
    const room = HubRoom.restore({ deployment: DEPLOYMENT, variables, store });
    expect(room.update('clicks', increment, 'r1')).toEqual({ ok: true });
    const once = room.grownBytes().clicks ?? 0;
    expect(once).toBeGreaterThan(0);
    expect(room.update('clicks', increment, 'r1')).toEqual({ ok: true });
    expect(room.grownBytes()).toEqual({ clicks: expect.any(Number) as unknown, idle: 0 });
    expect(room.grownBytes().clicks).toBeGreaterThan(once);
  });

  it('refuses at restore a stored state it cannot read', () => {
    const store = new MemoryHubStore();
    store.appendDelta(ref('clicks'), new Uint8Array([1, 5]));
    const variables = new Map([['clicks', erase(gcounter)]]);
    expect(() => HubRoom.restore({ deployment: DEPLOYMENT, variables, store })).toThrow(SyncError);
  });
});
