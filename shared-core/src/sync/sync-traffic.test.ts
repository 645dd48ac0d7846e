import { describe, expect, it } from 'vitest';
import { SyncSim } from './sync-sim.js';

// Bytes are deterministic for a fixed seed, so a bound on them is a test, not a timing.
const print = (globalThis as { console?: { log(...args: unknown[]): void } }).console?.log;

function run(batch: boolean) {
  const sim = new SyncSim({ seed: 42, agents: 4, setType: 'orset', batch });
  sim.quiesce();
  const rng = sim.rng;
  for (let step = 1; step <= 1000; step++) {
    const agent = rng.pick(sim.agents);
    sim.update(agent, 'a', { op: rng.chance(0.8) ? 'add' : 'remove', value: rng.int(300) });
    // Now and then an agent goes offline for a while and catches up by the digest exchange.
    if (step % 200 === 0) sim.disconnect(agent);
    if (step % 200 === 100) for (const a of sim.agents) if (!a.pair.isOpen) sim.connect(a);
    if (step % 20 === 0) sim.quiesce();
    else sim.deliver(rng.int(4));
  }
  sim.quiesce();
  const t = sim.traffic.get('a');
  if (!t) throw new Error('no traffic measured');
  return t;
}

describe('delta-sync traffic', () => {
  it.each([false, true])(
    'several agents updating one orset send far less than full-state sync would (batch: %s)',
    (batch) => {
      const t = run(batch);
      const deltaSync = t.deltaBytes + t.digestBytes;
      const ratio = deltaSync / t.fullStateBytes;
      print?.(
        `orset, 4 agents, 1000 updates, batch=${batch}: ${t.deltaMessages} delta messages, ` +
          `delta sync ${deltaSync} B (digests ${t.digestBytes} B) vs full state ` +
          `${t.fullStateBytes} B: ${(ratio * 100).toFixed(2)}%`,
      );
      expect(t.deltaMessages).toBeGreaterThan(batch ? 100 : 1000);
      expect(ratio).toBeLessThan(0.5);
    },
  );
});
