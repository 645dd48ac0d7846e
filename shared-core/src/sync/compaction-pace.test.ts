import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactionPace } from './compaction-pace.js';

const bytes = (n: number) => new Uint8Array(n);

/** A set that grows by one element of `size` bytes per delta, compacted whenever due. */
function grow(every: number, deltas: number, size: number) {
  const pace = new CompactionPace(every);
  let written = 0;
  let snapshots = 0;
  let sinceSnapshot = 0;
  let lastSnapshot = 0;
  /** The most the log held beyond its snapshot, over what it could hold by the rule. */
  let worstReplay = 0;
  for (let n = 1; n <= deltas; n++) {
    pace.logged(bytes(size));
    written += size;
    sinceSnapshot += size;
    worstReplay = Math.max(
      worstReplay,
      sinceSnapshot / Math.max(lastSnapshot + size, every * size),
    );
    if (pace.due()) {
      pace.compacted(bytes(n * size));
      written += n * size;
      snapshots++;
      sinceSnapshot = 0;
      lastSnapshot = n * size;
    }
  }
  return { written, snapshots, worstReplay };
}

describe('when a log is due a snapshot', () => {
  it('is after `every` deltas while the state is small, as before', () => {
    const pace = new CompactionPace(4, { snapshot: bytes(3) });
    for (let i = 0; i < 3; i++) pace.logged(bytes(1));
    expect(pace.due()).toBe(false);
    pace.logged(bytes(1));
    expect(pace.due()).toBe(true);
    expect(pace.due(1)).toBe(false);
    pace.compacted(bytes(3), 1);
    for (let i = 0; i < 2; i++) pace.logged(bytes(1));
    expect(pace.due()).toBe(false);
    pace.logged(bytes(1));
    expect(pace.due()).toBe(true);
  });

  it('waits for the deltas to weigh as much as the last snapshot, counted from a restore too', () => {
    const pace = new CompactionPace(2, { snapshot: bytes(100), deltas: [bytes(40), bytes(40)] });
    expect(pace.due()).toBe(false);
    pace.logged(bytes(20));
    expect(pace.due()).toBe(true);
  });

  it('keeps what a growing set writes in snapshots linear in what it logs, and replays bounded', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 64 }),
        (every, deltas, size) => {
          const { written, worstReplay } = grow(every, deltas, size);
          const logged = deltas * size;
          // Each snapshot weighs at most what was logged since the one before, plus the last.
          expect(written).toBeLessThanOrEqual(3 * logged + every * size);
          // Beside its snapshot, a log holds no more than the snapshot (or `every` deltas).
          expect(worstReplay).toBeLessThanOrEqual(1);
        },
      ),
      { seed: 22 },
    );
    // A fixed count of 256 would have written 20,000² / 512 ≈ 781,000 elements in snapshots.
    expect(grow(256, 20_000, 1).written).toBeLessThan(60_000);
  });
});
