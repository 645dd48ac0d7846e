import { describe, expect, it } from 'vitest';
import type { AnyCrdtType } from '../crdt/crdt-type.js';
import { decodeState, encodeDigest, encodeState } from '../crdt/lattice.js';
import { createLasp, type Lasp } from '../facade/lasp.js';
import { MemoryReplicaLog } from './memory-replica-log.js';
import { ReplicaEndpoint } from './replica-endpoint.js';
import type { SyncEvent, SyncLink, SyncMessages } from './sync-link.js';

// The endpoint when the hub's plan and its share part ways: a digest the hub refuses, and a
// variable a re-placement moved away while the replica still owed the hub deltas of it.

const D = 'd1';
const CLICKS = { deployment: D, variable: 'clicks' };

function recordingLink() {
  const sent: Array<{ event: SyncEvent; message: SyncMessages[SyncEvent] }> = [];
  const link: SyncLink & { isOpen: boolean } = {
    isOpen: true,
    send: <E extends SyncEvent>(event: E, message: SyncMessages[E]) => {
      sent.push({ event, message });
    },
  };
  return { link, sent };
}

/** A replica hosting `hosts` of a deployment whose replicated variables are clicks and a. */
function replica(hosts: Array<'clicks' | 'a'>, log = new MemoryReplicaLog()) {
  const lasp: Lasp = createLasp({ replica: 'r1' });
  for (const v of hosts) lasp.declare(v, v === 'clicks' ? 'gcounter' : 'orset');
  const probe = createLasp({ replica: 'probe' });
  probe.declare('clicks', 'gcounter');
  probe.declare('a', 'orset');
  const all = new Map(['clicks', 'a'].map((v) => [v, probe.runtime.typeOf(v) as AnyCrdtType]));
  const endpoint = ReplicaEndpoint.restore(lasp.runtime, log, {
    deployment: D,
    variables: hosts,
    deploymentVariables: all,
  });
  return { lasp, log, endpoint, type: (v: string) => all.get(v) as AnyCrdtType };
}

/** What the hub sends: a delta of `n` increments by another replica, and its digest of it. */
function fromHub(type: AnyCrdtType, n: number) {
  const state = type.bottom();
  for (let i = 0; i < n; i++) type.mergeInto(state, type.mutate(state, { op: 'increment' }, 'h'));
  return {
    delta: { ...CLICKS, seq: 1, delta: encodeState(type, state) },
    digest: { ...CLICKS, digest: encodeDigest(type, type.digest(state)) },
  };
}

const valueOf = (type: AnyCrdtType, bytes: Uint8Array): unknown => {
  const decoded = decodeState(type, bytes);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return type.query(decoded.value);
};

const emptyDigest = (variable: string, type: AnyCrdtType) => ({
  deployment: D,
  variable,
  digest: encodeDigest(type, type.digest(type.bottom())),
});

describe('a refused digest while catching up', () => {
  it('counts as answered: what the hub sent of the other variables is merged, all at once', () => {
    const { lasp, endpoint, type } = replica(['clicks', 'a']);
    const { link, sent } = recordingLink();
    endpoint.connect(link);
    expect(sent.map((s) => [s.event, s.message.variable])).toEqual([
      ['digest', 'clicks'],
      ['digest', 'a'],
    ]);
    const hub = fromHub(type('clicks'), 3);
    expect(endpoint.receive('delta', hub.delta)).toEqual({ ok: true });
    expect(endpoint.receive('digest', hub.digest)).toEqual({ ok: true });
    // Still waiting for the answer about `a`.
    expect(lasp.query('clicks')).toBe(0);
    // Refusals of anything but a digest, or of a digest not waited for, release nothing.
    expect(endpoint.refused('ack', 'a', 'not-hosted')).toEqual({ ok: true });
    expect(endpoint.refused('delta', 'a', 'not-hosted')).toEqual({ ok: true });
    expect(endpoint.refused('digest', 'clicks', 'not-hosted')).toEqual({ ok: true });
    expect(lasp.query('clicks')).toBe(0);

    expect(endpoint.refused('digest', 'a', 'not-hosted')).toEqual({ ok: true });
    expect(lasp.query('clicks')).toBe(3);
  });
});

describe('a variable moved away with deltas the hub had not acknowledged', () => {
  /** A replica that counted twice on `clicks` offline, then got a share without it. */
  function movedAway() {
    const before = replica(['clicks', 'a']);
    before.lasp.update('clicks', { op: 'increment' });
    before.lasp.update('clicks', { op: 'increment' });
    before.endpoint.close();
    return replica(['a'], before.log);
  }

  it('sends them joined on every connection, with no digest, and takes no update of it', () => {
    const { endpoint, type } = movedAway();
    expect(endpoint.variables).toEqual(['a']);
    expect(endpoint.stats().unacked).toBe(2);
    const { link, sent } = recordingLink();
    endpoint.connect(link);
    expect(sent.map((s) => [s.event, s.message.variable])).toEqual([
      ['delta', 'clicks'],
      ['digest', 'a'],
    ]);
    const delta = sent[0]?.message as SyncMessages['delta'];
    expect(valueOf(type('clicks'), delta.delta)).toBe(2);
    const hub = fromHub(type('clicks'), 1);
    expect(endpoint.receive('delta', hub.delta)).toMatchObject({ ok: false, code: 'not-hosted' });
    expect(endpoint.receive('digest', hub.digest)).toMatchObject({ ok: false, code: 'not-hosted' });
    // `clicks` is not waited for: the answer about `a` ends the catch-up.
    expect(endpoint.receive('digest', emptyDigest('a', type('a')))).toEqual({ ok: true });

    sent.length = 0;
    endpoint.disconnect();
    endpoint.connect(link);
    expect(sent.map((s) => [s.event, s.message.variable])).toEqual([
      ['delta', 'clicks'],
      ['digest', 'a'],
    ]);
  });

  it('forgets them once acknowledged, marked so in its log', () => {
    const { endpoint, log } = movedAway();
    const { link, sent } = recordingLink();
    endpoint.connect(link);
    const seq = (sent[0]?.message as SyncMessages['delta']).seq;
    expect(endpoint.receive('ack', { ...CLICKS, seq })).toEqual({ ok: true });
    expect(endpoint.stats().unacked).toBe(0);
    expect(log.load(CLICKS).entries.map((e) => e.acked)).toEqual([true, true]);
    sent.length = 0;
    endpoint.disconnect();
    endpoint.connect(link);
    expect(sent.map((s) => s.message.variable)).toEqual(['a']);
  });

  it('gives them up when the hub refuses them for good, and keeps them in its log', () => {
    const { endpoint, log } = movedAway();
    const { link } = recordingLink();
    endpoint.connect(link);
    expect(endpoint.refused('delta', 'clicks', 'store-failed')).toEqual({ ok: true });
    expect(endpoint.stats().unacked).toBe(2);
    expect(endpoint.refused('delta', 'clicks', 'not-hosted')).toEqual({ ok: true });
    expect(endpoint.stats().unacked).toBe(0);
    expect(log.load(CLICKS).entries.map((e) => e.acked)).toEqual([false, false]);
  });

  it('has nothing to send of a variable it never logged', () => {
    const { endpoint } = replica(['a']);
    const { link, sent } = recordingLink();
    endpoint.connect(link);
    expect(sent.map((s) => [s.event, s.message.variable])).toEqual([['digest', 'a']]);
    expect(endpoint.stats().unacked).toBe(0);
  });
});

describe('a drained replica whose deltas the hub refuses', () => {
  it('gives up a variable the hub refuses for good, keeping it in its log; running, it keeps them owed', () => {
    const { lasp, endpoint, log } = replica(['clicks', 'a']);
    lasp.update('clicks', { op: 'increment' });
    lasp.update('a', { op: 'add', value: 'x' });
    const { link } = recordingLink();
    endpoint.connect(link);
    // Running: sent again on the next connection, as before.
    expect(endpoint.refused('delta', 'clicks', 'not-carried')).toEqual({ ok: true });
    expect(endpoint.stats().unacked).toBe(2);

    endpoint.drain(link);
    expect(endpoint.refused('delta', 'clicks', 'store-failed')).toEqual({ ok: true });
    expect(endpoint.stats().unacked).toBe(2);
    expect(endpoint.refused('delta', 'clicks', 'not-carried')).toEqual({ ok: true });
    expect(endpoint.stats().unacked).toBe(1);
    expect(log.load(CLICKS).entries.map((e) => e.acked)).toEqual([false]);
    expect(endpoint.refused('delta', 'a', 'wrong-deployment')).toEqual({ ok: true });
    expect(endpoint.stats().unacked).toBe(0);
  });
});
