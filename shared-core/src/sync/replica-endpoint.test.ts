import { describe, expect, it } from 'vitest';
import { createLasp } from '../facade/lasp.js';
import { MemoryReplicaLog, SimulatedCrash } from './memory-replica-log.js';
import { ReplicaEndpoint } from './replica-endpoint.js';
import { SyncError } from './sync-error.js';
import { DEPLOYMENT, SyncSim, type SimAgent } from './sync-sim.js';

const CLICKS = { deployment: DEPLOYMENT, variable: 'clicks' };

function sim(options: { batch?: boolean; compactEvery?: number; agents?: number } = {}): SyncSim {
  const s = new SyncSim({ seed: 7, agents: options.agents ?? 2, setType: 'awset', ...options });
  s.quiesce();
  return s;
}

const agentDeltas = (agent: SimAgent) =>
  agent.pair.sent.filter((m) => m.from === 'agent' && m.event === 'delta');

const increment = { op: 'increment' };

describe('ReplicaEndpoint', () => {
  it('logs a local delta before update() returns and sends it at once', () => {
    const s = sim();
    const a0 = s.at(0);
    s.update(a0, 'clicks', increment);
    const logged = a0.log.load(CLICKS).entries;
    expect(logged.map((e) => [e.seq, e.acked])).toEqual([[1, false]]);
    const sent = agentDeltas(a0);
    expect(sent.map((m) => [m.message.variable, 'seq' in m.message && m.message.seq])).toEqual([
      ['clicks', 1],
    ]);
    s.quiesce();
    expect(a0.endpoint?.stats()).toMatchObject({ ops: 1, deltasSent: 1, unacked: 0 });
    expect(a0.log.load(CLICKS).entries.map((e) => e.acked)).toEqual([true]);
  });

  it('an update whose log write fails throws to the application and is never sent', () => {
    const s = sim();
    const a0 = s.at(0);
    a0.log.crashAfter(0);
    expect(() => a0.lasp?.update('clicks', increment)).toThrow(SimulatedCrash);
    expect(agentDeltas(a0)).toEqual([]);
  });

  it('retransmits unacknowledged deltas on reconnect, joined into one message, before its digests', () => {
    const s = sim();
    const a0 = s.at(0);
    s.update(a0, 'clicks', increment);
    s.update(a0, 'clicks', increment);
    s.disconnect(a0); // both deltas were in flight: lost
    expect(a0.endpoint?.stats().unacked).toBe(2);
    const before = a0.pair.sent.length;
    s.connect(a0);
    const [first, ...rest] = a0.pair.sent.slice(before).filter((m) => m.from === 'agent');
    expect(first?.event).toBe('delta');
    // A fresh seq: an ack of an earlier message must not be taken for this one.
    expect(first && 'seq' in first.message && first.message.seq).toBe(3);
    expect(rest.map((m) => m.event)).toEqual(['digest', 'digest', 'digest', 'digest']);
    s.quiesce();
    expect(a0.endpoint?.stats().unacked).toBe(0);
    expect(s.hub.query('clicks')).toBe(2);
  });

  it('ignores an ack from a closed connection for deltas it sends again', () => {
    const s = sim();
    const a0 = s.at(0);
    const endpoint = a0.endpoint as ReplicaEndpoint;
    s.update(a0, 'clicks', increment); // seq 1, sent
    s.disconnect(a0);
    s.update(a0, 'clicks', increment); // seq 2, queued
    s.connect(a0); // seq 3 carries 1 and 2
    expect(endpoint.receive('ack', { ...CLICKS, seq: 1 })).toEqual({ ok: true });
    expect(endpoint.stats().unacked).toBe(2);
    s.quiesce();
    expect(endpoint.stats().unacked).toBe(0);
  });

  it("batching sends a variable's queued deltas as one joined message whose ack covers them all", () => {
    const s = sim({ batch: true });
    const a0 = s.at(0);
    for (let i = 0; i < 5; i++) s.update(a0, 'clicks', increment);
    expect(agentDeltas(a0)).toEqual([]);
    a0.endpoint?.flush();
    expect(agentDeltas(a0)).toHaveLength(1);
    s.quiesce();
    expect(s.hub.query('clicks')).toBe(5);
    expect(a0.endpoint?.stats()).toMatchObject({ ops: 5, deltasSent: 1, unacked: 0 });
    expect(a0.log.load(CLICKS).entries.every((e) => e.acked)).toBe(true);
  });

  it('drains at the end: every unacknowledged delta joined in one message, no digest, and then nothing new', () => {
    const s = sim({ batch: true });
    const a0 = s.at(0);
    const endpoint = a0.endpoint as ReplicaEndpoint;
    s.update(a0, 'clicks', increment);
    endpoint.flush(); // in flight, then lost with the connection
    s.disconnect(a0);
    for (let i = 0; i < 2; i++) s.update(a0, 'clicks', increment); // queued
    a0.pair.reconnect();
    s.hub.join(a0.name, a0.pair.hubLink, a0.hosts);
    const before = a0.pair.sent.length;
    endpoint.drain(a0.pair.agentLink);
    const sent = a0.pair.sent.slice(before).filter((m) => m.from === 'agent');
    expect(sent.map((m) => [m.event, m.message.variable])).toEqual([['delta', 'clicks']]);
    expect(endpoint.stats().unacked).toBe(3);
    s.quiesce();
    expect(s.hub.query('clicks')).toBe(3);
    expect(endpoint.stats().unacked).toBe(0);
    // It no longer hears the runtime: an update after the drain is neither logged nor sent.
    const logged = a0.log.load(CLICKS).entries.length;
    a0.lasp?.update('clicks', increment);
    endpoint.flush();
    expect(a0.log.load(CLICKS).entries).toHaveLength(logged);
    expect(s.hub.query('clicks')).toBe(3);
  });

  it('on connect, holds what the hub sends until every digest is answered, then merges it all at once', () => {
    const s = sim();
    const [a0, a1] = [s.at(0), s.at(1)];
    s.disconnect(a0);
    for (let i = 0; i < 3; i++) s.update(a1, 'clicks', increment);
    s.update(a1, 'a', { op: 'add', value: 'x' });
    s.quiesce();
    s.connect(a0);
    const seen = () => JSON.stringify([a0.lasp?.query('clicks'), a0.lasp?.query('a')]);
    const views = [seen()];
    while (a0.pair.step()) views.push(seen());
    // Never one variable caught up and the other not: a process sees both or neither.
    expect(new Set(views)).toEqual(new Set(['[0,[]]', '[3,["x"]]']));
    expect(views.at(-1)).toBe('[3,["x"]]');
    // Once caught up, a remote delta is merged as it comes.
    s.update(a1, 'clicks', increment);
    s.quiesce();
    expect(a0.lasp?.query('clicks')).toBe(4);
  });

  it('merges and acknowledges remote deltas and never sends them back', () => {
    const s = sim();
    const [a0, a1] = [s.at(0), s.at(1)];
    for (let i = 0; i < 3; i++) s.update(a1, 'clicks', increment);
    s.quiesce();
    expect(a0.lasp?.query('clicks')).toBe(3);
    expect(a0.endpoint?.stats()).toMatchObject({ deltasReceived: 3, deltasSent: 0, ops: 0 });
    expect(a0.pair.sent.filter((m) => m.from === 'agent' && m.event === 'ack')).toHaveLength(3);
  });

  it('restores state and counters from its log, so a re-add after a restart is not shadowed', () => {
    const s = sim();
    const a0 = s.at(0);
    s.update(a0, 'a', { op: 'add', value: 'x' });
    s.update(a0, 'a', { op: 'remove', value: 'x' });
    s.quiesce();
    s.crashAfter(a0, 0);
    s.restart(a0);
    // Before any message arrives: the restored awset must mint a new dot for this add.
    s.update(a0, 'a', { op: 'add', value: 'x' });
    s.quiesce();
    expect(s.hub.query('a')).toEqual(['x']);
    expect(s.at(1).lasp?.query('a')).toEqual(['x']);
  });

  it('(control) a replica that lost its log reuses a dot, and its re-add is lost', () => {
    const s = sim();
    const a0 = s.at(0);
    s.update(a0, 'a', { op: 'add', value: 'x' });
    s.update(a0, 'a', { op: 'remove', value: 'x' });
    s.quiesce();
    s.crashAfter(a0, 0);
    a0.log = new MemoryReplicaLog();
    s.restart(a0);
    s.update(a0, 'a', { op: 'add', value: 'x' });
    s.quiesce();
    expect(s.hub.query('a')).toEqual([]);
  });

  it('re-derives at restore what a crash kept it from logging (an awset removal in a union)', () => {
    const s = sim({ batch: true });
    const [a0, a1] = [s.at(0), s.at(1)];
    s.update(a0, 'a', { op: 'add', value: 0 });
    // The removal is logged, then the crash hits logging the union's tombstone derived from it.
    s.crashAfter(a0, 1);
    expect(s.update(a0, 'a', { op: 'remove', value: 0 })).toBe(false);
    expect(s.alive(a0)).toBe(false);
    s.restart(a0);
    s.quiesce();
    // The union's "0 present" went out; only the restarted replica can still derive its removal.
    expect(s.hub.query('a')).toEqual([]);
    expect(s.hub.query('u')).toEqual([]);
    expect(a1.lasp?.query('u')).toEqual([]);
  });

  it('sends again after a restart the deltas the hub had not acknowledged', () => {
    const s = sim({ batch: true });
    const a0 = s.at(0);
    for (let i = 0; i < 4; i++) s.update(a0, 'clicks', increment);
    s.crashAfter(a0, 0); // queued, never sent
    expect(s.hub.query('clicks')).toBe(0);
    s.restart(a0);
    expect(a0.endpoint?.stats().unacked).toBe(4);
    s.quiesce();
    expect(s.hub.query('clicks')).toBe(4);
    expect(s.at(1).lasp?.query('clicks')).toBe(4);
  });

  it('compacts its log and restores the same state from the snapshot', () => {
    const s = sim({ compactEvery: 4 });
    const a0 = s.at(0);
    const A = { deployment: DEPLOYMENT, variable: 'a' };
    for (let i = 0; i < 50; i++) {
      s.update(a0, 'a', { op: 'add', value: i });
      s.quiesce();
    }
    expect(a0.log.size(A)).toBeLessThan(8);
    expect(a0.log.load(A).snapshot).toBeDefined();
    s.crashAfter(a0, 0);
    s.restart(a0);
    // Read before any message arrives: this is what the log alone restored.
    expect(a0.lasp?.query('a')).toHaveLength(50);
    expect(a0.endpoint?.stats().unacked).toBe(0);
  });

  it('refuses malformed or misaddressed messages with a reason, changing nothing', () => {
    const s = sim();
    const a0 = s.at(0);
    const endpoint = a0.endpoint as ReplicaEndpoint;
    s.update(s.at(1), 'clicks', increment);
    s.quiesce();
    const sentBefore = a0.pair.sent.length;
    const garbage = new Uint8Array([1, 200, 200, 200]);
    expect(endpoint.receive('delta', { ...CLICKS, seq: 9, delta: garbage })).toMatchObject({
      ok: false,
      code: 'malformed-delta',
    });
    expect(endpoint.receive('digest', { ...CLICKS, digest: garbage })).toMatchObject({
      ok: false,
      code: 'malformed-digest',
    });
    expect(
      endpoint.receive('delta', {
        deployment: DEPLOYMENT,
        variable: 'zzz',
        seq: 1,
        delta: garbage,
      }),
    ).toMatchObject({ ok: false, code: 'not-hosted' });
    expect(
      endpoint.receive('ack', { deployment: 'other', variable: 'clicks', seq: 1 }),
    ).toMatchObject({
      ok: false,
      code: 'wrong-deployment',
    });
    expect(a0.lasp?.query('clicks')).toBe(1);
    expect(a0.pair.sent.length).toBe(sentBefore);
  });

  it('refuses at restore a variable that is not replicated, and an unreadable log', () => {
    const lasp = createLasp({ replica: 'r' });
    lasp.declareDynamic('local', 'gcounter');
    lasp.declare('set', 'orset');
    lasp.fold('set', 'sum', 'total');
    const log = new MemoryReplicaLog();
    const restore = (variables: string[]) =>
      ReplicaEndpoint.restore(lasp.runtime, log, { deployment: DEPLOYMENT, variables });
    expect(() => restore(['local'])).toThrow(SyncError);
    expect(() => restore(['total'])).toThrow(SyncError);
    expect(() => restore(['nope'])).toThrow(SyncError);
    log.append({ deployment: DEPLOYMENT, variable: 'set' }, 1, new Uint8Array([1, 9]));
    expect(() => restore(['set'])).toThrow(/unreadable delta 1/);
  });
});
