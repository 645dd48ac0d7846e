import { MemoryReplicaLog, SimulatedCrash } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
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
});
