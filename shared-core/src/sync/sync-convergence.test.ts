import { describe, expect, it } from 'vitest';
import { envNumber } from '../testing/env.js';
import {
  expectConverged,
  expectDerivedCorrect,
  expectNoEcho,
  expectNothingLost,
  expectSelectiveHearing,
} from './sync-checks.js';
import { SyncSim, type SyncSimOptions } from './sync-sim.js';
import { randomStep, type FaultRates } from './sync-sim-steps.js';

/**
 * Seeded simulations of agents replicating through the hub: random updates, dropped, duplicated
 * and reordered messages, disconnects, crashes and control-plane restarts. At the end (everything
 * healed and quiet) every replica equals the hub and no update whose `update()` returned is lost.
 * Replay one seed with INFLOW_SYNC_SEED=<n>; run n more (crashes included) with INFLOW_SYNC_SEEDS=<n>.
 */

const onlySeed = envNumber('INFLOW_SYNC_SEED', 0);
const SEEDS = onlySeed ? [onlySeed] : Array.from({ length: 16 }, (_, i) => i + 1);
const extraSeeds = envNumber('INFLOW_SYNC_SEEDS', 0);

function options(seed: number, setType: 'orset' | 'awset'): SyncSimOptions {
  const agents = 3 + (seed % 3);
  return {
    seed,
    agents,
    setType,
    faults: { drop: 0.05, duplicate: 0.05, reorder: seed % 2 === 0 },
    batch: seed % 3 === 0,
    compactEvery: 2 + (seed % 7),
    counterOnly: seed % 2 === 1 ? [agents - 1] : [],
  };
}

function simulate(
  seed: number,
  setType: 'orset' | 'awset',
  rates: FaultRates,
  groupCommit = false,
): SyncSim {
  const sim = new SyncSim({ ...options(seed, setType), groupCommit });
  sim.run(() => {
    for (let step = 0; step < 600; step++) randomStep(sim, rates);
    sim.settle();
    expectConverged(sim);
    expectNothingLost(sim);
    expectDerivedCorrect(sim);
    expectSelectiveHearing(sim);
    expectNoEcho(sim);
  });
  return sim;
}

describe.each(['orset', 'awset'] as const)('replication through the hub over %s', (setType) => {
  it.each(SEEDS)(
    'seed %i: faulty links and disconnects, then every replica equals the hub',
    (seed) => {
      const sim = simulate(seed, setType, { crash: 0, hubRestart: 0 });
      // The run must have exercised what it claims to.
      expect(sim.acknowledged.length).toBeGreaterThan(100);
      expect(sim.events.some((e) => e.endsWith('DROPPED'))).toBe(true);
      expect(sim.events.some((e) => e.endsWith(': disconnect'))).toBe(true);
    },
  );

  it.each(SEEDS)(
    'seed %i: agents crash and restart, the hub restarts, nothing acknowledged is lost',
    (seed) => {
      const sim = simulate(seed, setType, { crash: 0.01, hubRestart: 0.003 });
      expect(sim.events.some((e) => e.endsWith('DIED'))).toBe(true);
      expect(sim.events.some((e) => e.endsWith(': restart'))).toBe(true);
    },
  );

  it.each(SEEDS)(
    'seed %i: the hub commits deltas in groups and dies holding some, and replicas still converge',
    (seed) => {
      const sim = simulate(seed, setType, { crash: 0.01, hubRestart: 0.01 }, true);
      expect(sim.events.some((e) => e === 'hub: restart')).toBe(true);
    },
  );

  if (extraSeeds > 0) {
    it(`${extraSeeds} further seeds with crashes and hub restarts`, () => {
      for (let seed = 1000; seed < 1000 + extraSeeds; seed++) {
        simulate(seed, setType, { crash: 0.02, hubRestart: 0.005 });
        simulate(seed, setType, { crash: 0.02, hubRestart: 0.01 }, true);
      }
    }, 600_000);
  }
});
