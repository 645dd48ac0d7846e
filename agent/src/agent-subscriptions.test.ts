import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentStore } from './agent-store.js';
import { AgentSubscriptions } from './agent-subscriptions.js';
import { DeploymentSet } from './deployment-set.js';
import { assignment } from './testing/set-rig.js';

const stores: AgentStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function setup() {
  const store = AgentStore.open();
  stores.push(store);
  const errors: unknown[] = [];
  const holder = (variable: string, deployment?: string) => set.holder(variable, deployment);
  const subs = new AgentSubscriptions(holder, (_v, e) => errors.push(e));
  const set: DeploymentSet = new DeploymentSet(store, store.log, pino({ level: 'silent' }), {
    connection: () => undefined,
    changed: () => subs.refresh(),
    assigned: () => {},
    unassigned: () => {},
    storeFailed: (e) => errors.push(e),
    stoppedBecause: () => undefined,
  });
  const assign = (version: number, deployment = 'd1') =>
    set.assign(assignment(version, { deployment }), () => {});
  return { set, subs, assign, errors };
}

describe('AgentSubscriptions', () => {
  it('follows a variable across assignment, rebuild and a restarted deployment', () => {
    const { set, subs, assign } = setup();
    const seen: unknown[] = [];
    subs.add('clicks', (v) => seen.push(v));
    assign(1);
    set.resolve('clicks').update('clicks', { op: 'increment' });
    assign(2);
    set.resolve('clicks').update('clicks', { op: 'increment' });
    expect(seen).toEqual([1, 2]);
    set.unassign('d1');
    assign(1);
    // The deployment came back empty: the subscriber hears the value it shows now.
    expect(seen).toEqual([1, 2, 0]);
  });

  it('does not move while two deployments hold the variable, and stops when unsubscribed', () => {
    const { set, subs, assign, errors } = setup();
    const seen: unknown[] = [];
    assign(1, 'd1');
    const stop = subs.add('clicks', (v) => {
      seen.push(v);
      throw new Error('a subscriber bug');
    });
    assign(1, 'd2');
    set.resolve('clicks', 'd1').update('clicks', { op: 'increment' });
    set.resolve('clicks', 'd2').update('clicks', { op: 'increment' });
    expect(seen).toEqual([]);
    // Back to one holder: it catches up with what it missed, then hears every change.
    set.unassign('d2');
    expect(seen).toEqual([1]);
    set.resolve('clicks').update('clicks', { op: 'increment' });
    expect(seen).toEqual([1, 2]);
    expect(errors).toHaveLength(2);
    stop();
    set.resolve('clicks').update('clicks', { op: 'increment' });
    expect(seen).toEqual([1, 2]);
  });
});
