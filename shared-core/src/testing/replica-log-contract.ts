import { describe, expect, it } from 'vitest';
import type { ReplicaLog } from '../sync/replica-log.js';

const ref = { deployment: 'd', variable: 'v' };
const other = { deployment: 'd', variable: 'w' };
const bytes = (...b: number[]) => new Uint8Array(b);

/** What every ReplicaLog must do (in memory, SQLite, ...); `open` gives a fresh, empty one. */
export function describeReplicaLog(name: string, open: () => ReplicaLog): void {
  describe(`ReplicaLog contract: ${name}`, () => {
    it('loads what was appended, acked and compacted, by seq, with the next seq above all', () => {
      const log = open();
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
      expect(loaded.entries.map((e) => [e.seq, e.delta])).toEqual([[3, bytes(3)]]);
      expect(loaded.nextSeq).toBe(4);
      log.compact(ref, bytes(9), 7);
      expect(log.load(ref)).toMatchObject({ snapshot: bytes(9), nextSeq: 8 });
      // An older compaction floor never lowers the next seq.
      log.compact(ref, bytes(8), 1);
      expect(log.load(ref).nextSeq).toBe(8);
    });

    it('keeps variables apart and ignores acks of deltas it no longer holds', () => {
      const log = open();
      log.append(ref, 1, bytes(1));
      log.append(other, 5, bytes(5));
      log.compact(ref, bytes(0), 1);
      log.acked(ref, [1, 2]);
      expect(log.load(ref)).toEqual({ snapshot: bytes(0), entries: [], nextSeq: 2 });
      expect(log.load(other)).toEqual({
        entries: [{ seq: 5, delta: bytes(5), acked: false }],
        nextSeq: 6,
      });
    });

    it('keeps its own copies of the bytes it is given and hands out', () => {
      const log = open();
      const delta = bytes(1, 2);
      log.append(ref, 1, delta);
      delta[0] = 7;
      const loaded = log.load(ref).entries[0]?.delta as Uint8Array;
      loaded[1] = 7;
      expect(log.load(ref).entries[0]?.delta).toEqual(bytes(1, 2));
    });
  });
}
