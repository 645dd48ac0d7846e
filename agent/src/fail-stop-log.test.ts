import { MemoryReplicaLog, SimulatedCrash } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { AgentStore } from './agent-store.js';
import { FailStopLog } from './fail-stop-log.js';

const ref = { deployment: 'd', variable: 'v' };

describe('FailStopLog', () => {
  it('reports the first failed write once, and fails every later call with it', () => {
    const inner = new MemoryReplicaLog();
    const failures: Error[] = [];
    const log = new FailStopLog(inner, (error) => failures.push(error));
    log.append(ref, 1, new Uint8Array([1]));
    inner.crashAfter(0);
    expect(() => log.append(ref, 2, new Uint8Array([2]))).toThrow(SimulatedCrash);
    expect(failures).toHaveLength(1);
    expect(log.failed).toBe(failures[0]);
    const restarted = inner.restart();
    expect(restarted.load(ref).entries.map((e) => e.seq)).toEqual([1]);
    expect(() => log.acked(ref, [1])).toThrow(failures[0]);
    expect(() => log.load(ref)).toThrow(failures[0]);
    expect(failures).toHaveLength(1);
  });

  it('commits a batch atomically, and lets an error of the batch itself through without failing', () => {
    const store = AgentStore.open();
    try {
      const failures: Error[] = [];
      const log = new FailStopLog(store.log, (error) => failures.push(error));
      log.atomically(() => {
        log.append(ref, 1, new Uint8Array([1]));
        log.append(ref, 2, new Uint8Array([2]));
      });
      expect(() =>
        log.atomically(() => {
          throw new Error('the caller changed its mind');
        }),
      ).toThrow('the caller changed its mind');
      expect(failures).toEqual([]);
      expect(log.load(ref).entries.map((e) => e.seq)).toEqual([1, 2]);
    } finally {
      store.close();
    }
  });
});
