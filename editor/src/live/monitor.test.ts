import type { DeploymentSnapshot } from '@inflow/shared-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applySnapshot,
  EMPTY_MONITOR,
  magnitude,
  RATE_WINDOW_MS,
  SERIES_POINTS,
  tickMonitor,
  type Monitor,
} from './monitor';
import { describeThroughput, operatorThroughput } from './throughput';

function snapshot(
  values: Record<string, unknown>,
  deployment = 'd_1',
  version = 1,
): DeploymentSnapshot {
  return {
    deployment,
    status: 'running',
    version,
    variables: Object.fromEntries(
      Object.entries(values).map(([id, value]) => [
        id,
        { value, replicas: 3, inSync: 3, agree: true },
      ]),
    ),
    local: {},
    sinks: {},
    agents: [],
  };
}

describe('magnitude', () => {
  it("is a counter's count, a set's size, a map of counters' total, else its key count", () => {
    expect(magnitude(7)).toBe(7);
    expect(magnitude(['a', 'b'])).toBe(2);
    expect(magnitude({ a: 3, b: 4 })).toBe(7);
    expect(magnitude({ a: ['x'], b: ['y'] })).toBe(2);
    expect(magnitude(true)).toBe(1);
    expect(magnitude(null)).toBe(0);
    expect(magnitude('text')).toBe(0);
  });
});

describe('the snapshot reducer', () => {
  it('keeps the latest snapshot and a series per variable', () => {
    let m: Monitor = EMPTY_MONITOR;
    m = applySnapshot(m, snapshot({ n: 1, s: ['a'] }), 1000);
    m = applySnapshot(m, snapshot({ n: 5, s: ['a', 'b'] }), 1100);
    expect(m.snapshot?.variables.n?.value).toBe(5);
    expect(m.series.n).toEqual([1, 5]);
    expect(m.series.s).toEqual([1, 2]);
  });

  it('bounds the series', () => {
    let m: Monitor = EMPTY_MONITOR;
    for (let i = 0; i < SERIES_POINTS + 10; i += 1)
      m = applySnapshot(m, snapshot({ n: i }), i * 100);
    expect(m.series.n).toHaveLength(SERIES_POINTS);
    expect(m.series.n?.at(-1)).toBe(SERIES_POINTS + 9);
    expect(m.samples).toHaveLength(SERIES_POINTS);
  });

  it('derives a rate per second from successive snapshots', () => {
    let m: Monitor = EMPTY_MONITOR;
    m = applySnapshot(m, snapshot({ n: 0 }), 0);
    expect(m.rates.n).toBe(0);
    m = applySnapshot(m, snapshot({ n: 10 }), 500);
    m = applySnapshot(m, snapshot({ n: 20 }), 1000);
    expect(m.rates.n).toBeCloseTo(20);
  });

  it('keeps, over any history, the last series points and the movement per second in the window', () => {
    // Each step: ms since the last snapshot, and n's value in it (absent: n was not in it).
    const step = fc.record({
      gap: fc.integer({ min: 1, max: 1500 }),
      n: fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: SERIES_POINTS + 20 }), (steps) => {
        let m: Monitor = EMPTY_MONITOR;
        let now = 0;
        const seen: Array<{ at: number; n: number | undefined }> = [];
        for (const { gap, n } of steps) {
          now += gap;
          m = applySnapshot(m, snapshot(n === undefined ? { other: 1 } : { n }), now);
          seen.push({ at: now, n });
        }
        const kept = seen.slice(-SERIES_POINTS);
        // A variable missing from a snapshot is gone from the deployment: its series starts again.
        let from = seen.length;
        while (from > 0 && seen[from - 1]!.n !== undefined) from -= 1;
        const run = seen.slice(from);
        const series = run.map(({ n }) => n).slice(-SERIES_POINTS);
        expect(m.series.n).toEqual(series.length > 0 ? series : undefined);
        // The window's samples, and the one just before it.
        let start = kept.length - 1;
        while (start > 0 && kept[start]!.at > now - RATE_WINDOW_MS) start -= 1;
        let moved = 0;
        for (let i = start + 1; i < kept.length; i += 1) {
          const a = kept[i - 1]!.n;
          const b = kept[i]!.n;
          if (a !== undefined && b !== undefined) moved += Math.abs(b - a);
        }
        const span = (now - kept[start]!.at) / 1000;
        const rate = start === kept.length - 1 || span === 0 ? 0 : moved / span;
        if (run.length === 0) expect(m.rates.n).toBeUndefined();
        else expect(m.rates.n).toBeCloseTo(rate, 9);
      }),
      { seed: 20261121, numRuns: 300 },
    );
  });

  it("derives a local variable's rate from the sum of the copies its agents reported", () => {
    const games = (n: number) => ({ value: Array.from({ length: n }, (_, i) => i) });
    const withLocal = (local: DeploymentSnapshot['local']) => ({ ...snapshot({}), local });
    let m: Monitor = EMPTY_MONITOR;
    m = applySnapshot(m, withLocal({ scores: { a: games(1), b: games(2) } }), 0);
    m = applySnapshot(m, withLocal({ scores: { a: games(3), b: games(4) } }), 1000);
    expect(m.series.scores).toEqual([3, 7]);
    expect(m.rates.scores).toBeCloseTo(4);
    // A copy reported by its size only has no magnitude: no sample, and the history is kept.
    m = applySnapshot(m, withLocal({ scores: { a: { omittedBytes: 99_999 }, b: games(4) } }), 2000);
    expect(m.series.scores).toEqual([3, 7]);
    expect(m.samples.at(-1)?.values.scores).toBeUndefined();
  });

  it('counts a set that gains one element and loses another as movement', () => {
    let m: Monitor = EMPTY_MONITOR;
    m = applySnapshot(m, snapshot({ s: ['a'] }), 0);
    m = applySnapshot(m, snapshot({ s: ['a', 'b'] }), 500);
    m = applySnapshot(m, snapshot({ s: ['a'] }), 1000);
    expect(m.rates.s).toBeCloseTo(2);
  });

  it('lets the rate of a quiet variable fall to zero as time passes without snapshots', () => {
    let m: Monitor = EMPTY_MONITOR;
    m = applySnapshot(m, snapshot({ n: 0 }), 0);
    m = applySnapshot(m, snapshot({ n: 30 }), 1000);
    expect(m.rates.n).toBeGreaterThan(0);
    expect(tickMonitor(m, 1500)).toBe(m);
    for (let t = 2000; t <= 6000; t += 1000) m = tickMonitor(m, t);
    expect(m.rates.n).toBe(0);
    expect(m.series.n?.at(-1)).toBe(30);
  });

  it("starts afresh for another deployment's snapshot", () => {
    let m = applySnapshot(EMPTY_MONITOR, snapshot({ n: 1 }), 0);
    m = applySnapshot(m, snapshot({ n: 9 }, 'd_2'), 100);
    expect(m.series.n).toEqual([9]);
    expect(m.snapshot?.deployment).toBe('d_2');
  });

  it('does nothing on a tick before any snapshot', () => {
    expect(tickMonitor(EMPTY_MONITOR, 10_000)).toBe(EMPTY_MONITOR);
  });
});

describe('operator throughput', () => {
  const doc = {
    format: 'inflow-graph' as const,
    version: 1 as const,
    name: 'g',
    nodes: [],
    edges: [
      { id: 'e1', source: 'a', sourceHandle: 'out', target: 'u', targetHandle: 'left' },
      { id: 'e2', source: 'b', sourceHandle: 'out', target: 'u', targetHandle: 'right' },
      { id: 'e3', source: 'u', sourceHandle: 'out', target: 'f', targetHandle: 'in' },
    ],
  };

  it('sums what flows in along its edges and reads its own output rate', () => {
    const t = operatorThroughput(doc, 'u', { a: 2, b: 3.25, u: 5 });
    expect(t).toEqual({ in: 5.25, out: 5 });
    expect(describeThroughput(t)).toBe('in 5.3/s · out 5/s');
  });

  it('has only an input rate when its output is not replicated (a fold)', () => {
    const t = operatorThroughput(doc, 'f', { u: 1234 });
    expect(t).toEqual({ in: 1234, out: undefined });
    expect(describeThroughput(t)).toBe('in 1,234/s');
    expect(describeThroughput(operatorThroughput(doc, 'f', {}))).toBeUndefined();
  });
});
