import {
  encodeDigest,
  encodeState,
  replicatedVariables,
  type AnyCrdtType,
  type SyncMessages,
} from '@inflow/shared-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { counterGraph } from './testing/graphs.js';
import { assignment, closeSets, recordingLink, setup } from './testing/set-rig.js';

afterEach(() => {
  vi.useRealTimers();
  closeSets();
});

const CLICKS = { deployment: 'd1', variable: 'clicks' };
const gcounter = replicatedVariables(counterGraph()).get('clicks') as AnyCrdtType;

/** The hub's replica of clicks after `n` increments elsewhere: its delta and its digest. */
function fromHub(n: number) {
  const state = gcounter.bottom();
  for (let i = 0; i < n; i++) {
    gcounter.mergeInto(state, gcounter.mutate(state, { op: 'increment' }, 'h'));
  }
  return {
    delta: { ...CLICKS, seq: 1, delta: encodeState(gcounter, state) },
    digest: { ...CLICKS, digest: encodeDigest(gcounter, gcounter.digest(state)) },
  };
}

describe('DeploymentSet and the hub refusing', () => {
  it('tells a runner catching up that its digest was refused, so it merges what it held', () => {
    const hub = recordingLink();
    const { set, lines, call } = setup(undefined, hub.link);
    call((r) => set.assign(assignment(1), r));
    const { delta, digest } = fromHub(3);
    set.sync('delta', delta);
    set.sync('digest', digest);
    // Held: the hub has not answered the digest of `names` yet.
    expect(set.resolve('clicks').query('clicks')).toBe(0);

    set.refused({ event: 'digest', code: 'malformed', reason: 'no names' });
    set.refused({
      event: 'digest',
      code: 'not-hosted',
      reason: 'x',
      deployment: 'd9',
      variable: 'names',
    });
    set.refused({ event: 'digest', code: 'not-hosted', deployment: 'd1' });
    expect(set.resolve('clicks').query('clicks')).toBe(0);
    expect(lines.filter((l) => l.msg === 'the hub refused a message')).toHaveLength(2);
    expect(lines.find((l) => l.msg === 'dropped a malformed refusal')).toMatchObject({
      error: 'invalid refusal: reason: Invalid input: expected string, received undefined',
    });

    set.refused({
      event: 'digest',
      code: 'not-hosted',
      reason: 'a.x does not host names',
      deployment: 'd1',
      variable: 'names',
    });
    expect(set.resolve('clicks').query('clicks')).toBe(3);
  });

  it('runs a new share without a variable, still sending what the hub had not acknowledged of it', () => {
    const hub = recordingLink();
    hub.link.isOpen = false;
    const { store, set, call } = setup(undefined, hub.link);
    call((r) => set.assign(assignment(1), r));
    set.resolve('clicks').update('clicks', { op: 'increment', by: 2 });
    hub.link.isOpen = true;
    expect(call((r) => set.assign(assignment(2, { variables: ['names'] }), r)).ok).toBe(true);
    const runner = set.resolve('names');
    expect(runner.variables).toEqual(['names']);
    expect(() => set.resolve('clicks')).toThrow('no deployment on this agent holds clicks');
    expect(hub.sent.map((s) => [s.event, s.message.variable])).toEqual([
      ['delta', 'clicks'],
      ['digest', 'names'],
    ]);
    expect(runner.stats().unacked).toBe(1);

    const [owed] = hub.deltas() as [SyncMessages['delta']];
    set.sync('ack', { ...CLICKS, seq: owed.seq });
    expect(runner.stats().unacked).toBe(0);
    expect(store.log.load(CLICKS).entries.map((e) => e.acked)).toEqual([true]);
  });

  it('gives up those deltas when the hub refuses them for good', () => {
    const hub = recordingLink();
    hub.link.isOpen = false;
    const { set, call } = setup(undefined, hub.link);
    call((r) => set.assign(assignment(1), r));
    set.resolve('clicks').update('clicks', { op: 'increment' });
    hub.link.isOpen = true;
    call((r) => set.assign(assignment(2, { variables: ['names'] }), r));
    const runner = set.resolve('names');
    set.refused({ event: 'delta', code: 'not-hosted', reason: 'x', ...CLICKS });
    expect(runner.stats().unacked).toBe(0);
  });
});

describe('DeploymentSet draining a stopped deployment the hub refuses', () => {
  it('forgets it once every owed variable is acknowledged or refused for good, without waiting out the timeout', () => {
    // The clock stands still: only the hub's answers can end the drain.
    vi.useFakeTimers();
    const hub = recordingLink();
    hub.link.isOpen = false;
    const { store, set, call } = setup(undefined, hub.link, 60_000);
    call((r) => set.assign(assignment(1), r));
    set.resolve('clicks').update('clicks', { op: 'increment', by: 2 });
    set.resolve('names').update('names', { op: 'add', value: 'x' });
    hub.link.isOpen = true;
    set.unassign('d1');
    expect(hub.deltas().map((d) => d.variable)).toEqual(['clicks', 'names']);
    expect(set.ids()).toEqual(['d1']);

    const names = hub.deltas().find((d) => d.variable === 'names');
    set.sync('ack', { deployment: 'd1', variable: 'names', seq: names?.seq });
    expect(set.ids()).toEqual(['d1']);
    const refusal = { event: 'delta', reason: 'x', ...CLICKS };
    set.refused({ ...refusal, code: 'store-failed' }); // may pass: still owed
    expect(set.ids()).toEqual(['d1']);
    set.refused({ ...refusal, code: 'not-carried' });
    expect(set.ids()).toEqual([]);
    expect(store.assignments().assignments).toEqual([]);
    expect(store.log.load(CLICKS).entries).toEqual([]);
  });

  it('a running deployment keeps owing what the hub refused', () => {
    const hub = recordingLink();
    const { set, call } = setup(undefined, hub.link, 60_000);
    call((r) => set.assign(assignment(1), r));
    const runner = set.resolve('clicks');
    runner.update('clicks', { op: 'increment' });
    runner.flush();
    set.refused({ event: 'delta', code: 'not-carried', reason: 'x', ...CLICKS });
    expect(runner.stats().unacked).toBe(1);
    expect(set.ids()).toEqual(['d1']);
  });
});
