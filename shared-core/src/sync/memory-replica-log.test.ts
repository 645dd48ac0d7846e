import { describe, expect, it } from 'vitest';
import { MemoryReplicaLog, SimulatedCrash } from './memory-replica-log.js';

const ref = { deployment: 'd', variable: 'v' };
const bytes = (...b: number[]) => new Uint8Array(b);

describe('MemoryReplicaLog', () => {
  it('loads what was appended, acked and compacted, by seq, with the next seq above all', () => {
    const log = new MemoryReplicaLog();
    expect(log.load(ref)).toEqual({ entries: [], nextSeq: 1 });
    log.append(ref, 1, bytes(1));
    log.append(ref, 2, bytes(2));
    log.append(ref, 3, bytes(3));
    log.acked(ref, [1, 3]);
    expect(log.load(ref).entries.map((e) => [e.seq, e.acked])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    log.compact(ref, bytes(9, 9), 2);
    const loaded = log.load(ref);
    expect(loaded.snapshot).toEqual(bytes(9, 9));
    expect(loaded.entries.map((e) => e.seq)).toEqual([3]);
    expect(loaded.nextSeq).toBe(4);
    log.compact(ref, bytes(9), 7);
    expect(log.load(ref).nextSeq).toBe(8);
  });

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

  it('keeps its own copies of the bytes it is given and hands out', () => {
    const log = new MemoryReplicaLog();
    const delta = bytes(1, 2);
    log.append(ref, 1, delta);
    delta[0] = 7;
    const loaded = log.load(ref).entries[0]?.delta as Uint8Array;
    loaded[1] = 7;
    expect(log.load(ref).entries[0]?.delta).toEqual(bytes(1, 2));
  });
});
