import { describe, expect, it } from 'vitest';
import { describeReplicaLog } from '../testing/replica-log-contract.js';
import { MemoryReplicaLog, SimulatedCrash } from './memory-replica-log.js';

describeReplicaLog('MemoryReplicaLog', () => new MemoryReplicaLog());

const ref = { deployment: 'd', variable: 'v' };
const bytes = (...b: number[]) => new Uint8Array(b);

describe('MemoryReplicaLog', () => {
  it('crashes at the chosen write: that write and every later one fail without effect', () => {
    const log = new MemoryReplicaLog();
    log.append(ref, 1, bytes(1));
    log.crashAfter(1);
    log.append(ref, 2, bytes(2));
    expect(() => log.append(ref, 3, bytes(3))).toThrow(SimulatedCrash);
    expect(() => log.acked(ref, [1])).toThrow(SimulatedCrash);
    expect(log.isCrashed).toBe(true);
    const restarted = log.restart();
    expect(restarted.load(ref).entries.map((e) => [e.seq, e.acked])).toEqual([
      [1, false],
      [2, false],
    ]);
    restarted.append(ref, 3, bytes(3));
    expect(restarted.load(ref).nextSeq).toBe(4);
  });
});
