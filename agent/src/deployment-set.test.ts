import { MemoryReplicaLog } from '@inflow/shared-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assignment, closeSets, recordingLink, setup } from './testing/set-rig.js';

afterEach(() => {
  closeSets();
  vi.useRealTimers();
});

describe('DeploymentSet', () => {
  it('runs an assignment, answers a resend at the same version, rebuilds a new version from the log', () => {
    const { store, set, heard, call } = setup();
    expect(call((r) => set.assign(assignment(1), r))).toEqual({
      ok: true,
      value: { replica: 'a.x' },
    });
    const first = set.resolve('clicks');
    first.update('clicks', { op: 'increment', by: 3 });
    expect(call((r) => set.assign(assignment(1), r))).toEqual({
      ok: true,
      value: { replica: 'a.x' },
    });
    expect(set.resolve('clicks')).toBe(first);
    expect(heard.assigned.map((i) => i.version)).toEqual([1]);

    expect(call((r) => set.assign(assignment(2), r)).ok).toBe(true);
    const second = set.resolve('clicks');
    expect(second).not.toBe(first);
    expect(first.isClosed).toBe(true);
    expect(second.query('clicks')).toBe(3);
    expect(heard.assigned.map((i) => [i.deployment, i.version, i.variables])).toEqual([
      ['d1', 1, ['clicks', 'names']],
      ['d1', 2, ['clicks', 'names']],
    ]);
    expect(store.assignments().assignments.map((a) => a.version)).toEqual([2]);
  });

  it('refuses an assignment that does not parse or cannot run, and keeps what it ran', () => {
    const { set, call, heard } = setup();
    const malformed = call((r) => set.assign({ deployment: 'd1', version: -1 }, r));
    expect(malformed).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid assignment/),
    });
    expect(call((r) => set.assign(assignment(1), r)).ok).toBe(true);
    const broken = assignment(2);
    broken.graph.nodes.push({
      id: 'f',
      kind: 'operator',
      type: 'filter',
      params: { predicate: 'x ==' },
      position: { x: 0, y: 0 },
    });
    broken.graph.edges.push({
      id: 'e',
      source: 'names',
      sourceHandle: 'out',
      target: 'f',
      targetHandle: 'in',
    });
    const refused = call((r) => set.assign({ ...broken, nodes: ['f'] }, r));
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^cannot run deployment d1: /),
    });
    expect(set.resolve('clicks').version).toBe(1);
    expect(set.resolve('clicks').isClosed).toBe(false);
    expect(heard.assigned).toHaveLength(1);
  });

  it('applies operations for the control plane, durable before the reply, with specific refusals', () => {
    const { store, set, call } = setup();
    call((r) => set.assign(assignment(1), r));
    const apply = (request: unknown) => call((r) => set.apply(request, r));
    expect(apply({ deployment: 'd1', variable: 'names', op: { op: 'add', value: 'x' } })).toEqual({
      ok: true,
      value: null,
    });
    expect(store.log.load({ deployment: 'd1', variable: 'names' }).entries).toHaveLength(1);
    expect(apply({ deployment: 'd9', variable: 'names', op: { op: 'add', value: 1 } })).toEqual({
      ok: false,
      error: 'deployment d9 does not run on this agent',
    });
    expect(apply({ deployment: 'd1', variable: 'nope', op: { op: 'add', value: 1 } })).toEqual({
      ok: false,
      error: 'nope is not held by deployment d1 on this agent',
    });
    expect(apply({ deployment: 'd1', variable: 'clicks', op: { op: 'add' } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid operation for clicks \(gcounter\)/),
    });
    expect(apply({ deployment: 'd1', op: 'x' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid operation request/),
    });
    expect(set.resolve('names').query('names')).toEqual(['x']);
  });

  it('drops malformed or misdirected replication messages without throwing', () => {
    const { set, lines, call } = setup();
    call((r) => set.assign(assignment(1), r));
    set.sync('delta', { deployment: 'd1', variable: 'clicks', seq: 1, delta: 'not bytes' });
    set.sync('ack', null);
    set.sync('delta', { deployment: 'd1', variable: 'clicks', seq: 1, delta: Buffer.from([255]) });
    set.sync('digest', { deployment: 'other', variable: 'clicks', digest: new Uint8Array() });
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['dropped a malformed message', 'refused a message']),
    );
    expect(lines.filter((l) => l.msg === 'dropped a malformed message')).toHaveLength(2);
    expect(lines.find((l) => l.msg === 'refused a message')).toMatchObject({
      code: 'malformed-delta',
    });
    expect(set.resolve('clicks').query('clicks')).toBe(0);
  });

  it('unassigns: closes the runner and forgets its assignment and log', () => {
    const { store, set, heard, call } = setup();
    call((r) => set.assign(assignment(1), r));
    const runner = set.resolve('clicks');
    runner.update('clicks', { op: 'increment' });
    set.unassign(42);
    expect(set.ids()).toEqual(['d1']);
    set.unassign('d1');
    expect(runner.isClosed).toBe(true);
    expect(set.ids()).toEqual([]);
    expect(heard.unassigned).toEqual(['d1']);
    expect(store.assignments().assignments).toEqual([]);
    expect(store.log.load({ deployment: 'd1', variable: 'clicks' }).entries).toEqual([]);
    expect(() => set.resolve('clicks')).toThrow('no deployment on this agent holds clicks');
  });

  it('unassigned while connected, first sends what the hub has not acknowledged, and forgets it once acknowledged', () => {
    const hub = recordingLink();
    hub.link.isOpen = false;
    const { store, set, heard, call } = setup(undefined, hub.link);
    call((r) => set.assign(assignment(1), r));
    set.resolve('clicks').update('clicks', { op: 'increment', by: 2 });
    set.resolve('clicks').update('clicks', { op: 'increment', by: 3 });
    hub.link.isOpen = true;
    set.unassign('d1');
    // One joined delta, and no digest: the deployment is over here.
    expect(hub.sent.map((s) => [s.event, s.message.variable])).toEqual([['delta', 'clicks']]);
    expect(heard.unassigned).toEqual(['d1']);
    expect(() => set.resolve('clicks')).toThrow('no deployment on this agent holds clicks');
    // Still reported as held, so a control plane that missed the drain unassigns it again.
    expect(set.ids()).toEqual(['d1']);
    const clicks = { deployment: 'd1', variable: 'clicks' };
    expect(store.log.load(clicks).entries).toHaveLength(2);

    const [last] = hub.deltas();
    set.sync('ack', { ...clicks, seq: last?.seq });
    expect(set.ids()).toEqual([]);
    expect(store.assignments().assignments).toEqual([]);
    expect(store.log.load(clicks).entries).toEqual([]);
  });

  it('drops the last deltas the hub does not take, once the wait is over, and the wait pauses while disconnected', () => {
    vi.useFakeTimers();
    const hub = recordingLink();
    const { store, set, call } = setup(undefined, hub.link, 1000);
    call((r) => set.assign(assignment(1), r));
    set.resolve('clicks').update('clicks', { op: 'increment' });
    set.unassign('d1');
    set.disconnect();
    hub.link.isOpen = false;
    vi.advanceTimersByTime(5000);
    expect(set.ids()).toEqual(['d1']);
    // Back: the control plane unassigns it again and it drains again.
    hub.link.isOpen = true;
    const before = hub.deltas().length;
    set.unassign('d1');
    expect(hub.deltas()).toHaveLength(before + 1);
    vi.advanceTimersByTime(999);
    expect(set.ids()).toEqual(['d1']);
    vi.advanceTimersByTime(1);
    expect(set.ids()).toEqual([]);
    expect(store.log.load({ deployment: 'd1', variable: 'clicks' }).entries).toEqual([]);
  });

  it('assigned again while draining, keeps its log and runs it', () => {
    vi.useFakeTimers();
    const hub = recordingLink();
    const { set, call } = setup(undefined, hub.link, 1000);
    call((r) => set.assign(assignment(1), r));
    set.resolve('clicks').update('clicks', { op: 'increment', by: 4 });
    set.unassign('d1');
    expect(call((r) => set.assign(assignment(2), r)).ok).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(set.ids()).toEqual(['d1']);
    expect(set.resolve('clicks').query('clicks')).toBe(4);
  });

  it('answers with the failure once its log failed, never acknowledging the lost update', () => {
    const memory = new MemoryReplicaLog();
    const { set, call } = setup(memory);
    call((r) => set.assign(assignment(1), r));
    memory.crashAfter(0);
    const request = { deployment: 'd1', variable: 'clicks', op: { op: 'increment' } };
    expect(call((r) => set.apply(request, r))).toEqual({
      ok: false,
      error: 'could not apply the operation: the replica log crashed during a write',
    });
    expect(call((r) => set.assign(assignment(2), r))).toEqual({
      ok: false,
      error: 'the replica log crashed during a write',
    });
  });
});
