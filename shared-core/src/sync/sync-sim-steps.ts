import type { SyncSim } from './sync-sim.js';

export interface FaultRates {
  /** Probability per step that an agent is set to crash (and, as often, that one restarts). */
  crash: number;
  /** Probability per step that the control plane restarts. */
  hubRestart: number;
}

/**
 * One random action: an update, a flush, a link or process fault, or some deliveries; first,
 * with group commit, perhaps the hub's commit.
 */
export function randomStep(sim: SyncSim, rates: FaultRates): void {
  const rng = sim.rng;
  if (sim.options.groupCommit && rng.chance(0.3)) sim.store.commit();
  const agent = rng.pick(sim.agents);
  const roll = rng.next();
  if (roll < 0.4) {
    const variable = agent.hosts.includes('a') ? rng.pick(['a', 'a', 'b', 'clicks']) : 'clicks';
    if (variable === 'clicks') sim.update(agent, variable, { op: 'increment' });
    else {
      const op = rng.chance(0.7) ? 'add' : 'remove';
      sim.update(agent, variable, { op, value: rng.int(12) });
    }
  } else if (roll < 0.45) agent.endpoint?.flush();
  else if (roll < 0.48) sim.disconnect(agent);
  else if (roll < 0.52) sim.connect(agent);
  else if (roll < 0.54) agent.endpoint?.sync();
  else if (roll < 0.54 + rates.crash) sim.crashAfter(agent, rng.int(4));
  else if (roll < 0.54 + 2 * rates.crash) sim.restart(agent);
  else if (roll < 0.54 + 2 * rates.crash + rates.hubRestart) sim.restartHub();
  else sim.deliver(rng.int(8));
}
