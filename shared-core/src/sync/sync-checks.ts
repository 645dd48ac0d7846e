import { expect } from 'vitest';
import type { AnyCrdtType } from '../crdt/crdt-type.js';
import { compareValues, type Value } from '../values/value.js';
import type { SimAgent, SyncSim } from './sync-sim.js';

// The end-of-run properties of a settled SyncSim, shared by the sync tests.

function stateOf(agent: SimAgent, variable: string): unknown {
  const lasp = agent.lasp;
  if (!lasp) throw new Error(`${agent.name} is not running`);
  return lasp.runtime.state(variable);
}

/** Every replica of every variable equals the hub's, and nothing is left unacknowledged. */
export function expectConverged(sim: SyncSim): void {
  expect(sim.rejections).toEqual([]);
  for (const agent of sim.agents) {
    for (const variable of agent.hosts) {
      const type = sim.types.get(variable) as AnyCrdtType;
      const equal = type.equals(stateOf(agent, variable), sim.hub.state(variable));
      expect(`${agent.name}.${variable} equals the hub's: ${equal}`).toBe(
        `${agent.name}.${variable} equals the hub's: true`,
      );
    }
    expect([agent.name, agent.endpoint?.stats().unacked]).toEqual([agent.name, 0]);
    expect([agent.name, sim.hub.unackedBy(agent.name)]).toEqual([agent.name, 0]);
  }
}

/** No update whose `update()` returned is missing from the hub (and so from any replica). */
export function expectNothingLost(sim: SyncSim): void {
  for (const [i, { agent, variable, delta }] of sim.acknowledged.entries()) {
    const type = sim.types.get(variable) as AnyCrdtType;
    const present = type.leq(delta, sim.hub.state(variable));
    expect(`update #${i} of ${agent} to ${variable} present: ${present}`).toBe(
      `update #${i} of ${agent} to ${variable} present: true`,
    );
  }
  const clicks = sim.hub.query('clicks') as number;
  expect(clicks).toBeGreaterThanOrEqual(sim.increments.returned);
  expect(clicks).toBeLessThanOrEqual(sim.increments.attempted);
}

/** The derived union equals the union of its inputs' values on every replica that computes it. */
export function expectDerivedCorrect(sim: SyncSim): void {
  for (const agent of sim.agents) {
    const lasp = agent.lasp;
    if (!lasp || !agent.hosts.includes('u')) continue;
    const union = new Map<string, Value>();
    for (const v of [...(lasp.query('a') as Value[]), ...(lasp.query('b') as Value[])]) {
      union.set(JSON.stringify(v), v);
    }
    expect(lasp.query('u')).toEqual([...union.values()].sort(compareValues));
  }
}

/** Agents that host only the counter never saw a message about anything else. */
export function expectSelectiveHearing(sim: SyncSim): void {
  for (const agent of sim.agents) {
    const heard = new Set(agent.pair.sent.map((s) => s.message.variable));
    for (const variable of heard) expect(agent.hosts).toContain(variable);
  }
}

/** The hub never forwards a delta back to the member it came from. */
export function expectNoEcho(sim: SyncSim): void {
  expect(sim.forwards.length).toBeGreaterThan(0);
  for (const { sender, to, message } of sim.forwards) {
    expect(`${message.variable} from ${sender} forwarded to ${to}`).not.toBe(
      `${message.variable} from ${sender} forwarded to ${sender}`,
    );
  }
}
