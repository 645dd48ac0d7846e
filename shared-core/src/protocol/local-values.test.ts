import { describe, expect, it } from 'vitest';
import { agentMetricsSchema } from './agent-messages.js';
import { LocalValueReporter, localValueSchema, type LocalValueLimits } from './local-values.js';

const limits = { perValue: 20, total: 30 };

/** One report of values read once, at version 0. */
const reportLocalValues = (
  values: Iterable<readonly [string, unknown]>,
  within: LocalValueLimits,
) =>
  new LocalValueReporter(within).report(
    [...values].map(([id, value]) => ({ id, version: 0, read: () => value })),
    0,
  );

describe('a report of local values', () => {
  it('sends each value that fits, in order, and only the size of the rest', () => {
    const report = reportLocalValues(
      [
        ['a', [1, 2, 3]], // 7 bytes
        ['big', 'x'.repeat(30)], // 32 bytes: over its own limit
        ['b', { k: 'é'.repeat(4) }], // 16 bytes (é is 2 in UTF-8): 23 of 30 used
        ['c', 'abcdefgh'], // 10 bytes: fits its own limit, not what is left of the total
        ['d', 1], // 1 byte: still fits the total
      ],
      limits,
    );
    expect(report).toEqual({
      a: { value: [1, 2, 3] },
      big: { omittedBytes: 32 },
      b: { value: { k: 'éééé' } },
      c: { omittedBytes: 10 },
      d: { value: 1 },
    });
  });

  it('reports a value JSON cannot write by no size, and an unset one as unset', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(
      reportLocalValues(
        [
          ['c', cycle],
          ['n', 10n],
          ['u', undefined],
        ],
        limits,
      ),
    ).toEqual({
      c: { omittedBytes: 0 },
      n: { omittedBytes: 0 },
      u: { value: undefined },
    });
  });

  it('keeps a whole report under the total, whatever the values', () => {
    const values = Array.from({ length: 50 }, (_, i) => [`v${i}`, 'y'.repeat(i)] as const);
    const report = reportLocalValues(values, limits);
    const sent = Object.values(report).reduce(
      (n, r) => n + ('value' in r ? JSON.stringify(r.value).length : 0),
      0,
    );
    expect(sent).toBeLessThanOrEqual(limits.total);
    expect(Object.keys(report)).toHaveLength(50);
  });
});

describe('a report of local values made again and again', () => {
  it('reads a value again only when it changed, and one too large only every so often', () => {
    const reporter = new LocalValueReporter(limits, 10_000);
    const reads = { small: 0, big: 0 };
    const value = { small: [1], big: 'x'.repeat(30) };
    const versions = { small: 0, big: 0 };
    const report = (now: number) =>
      reporter.report(
        (['small', 'big'] as const).map((id) => ({
          id,
          version: versions[id],
          read: () => {
            reads[id]++;
            return value[id];
          },
        })),
        now,
      );
    expect(report(0)).toEqual({ small: { value: [1] }, big: { omittedBytes: 32 } });
    expect(report(1_000)).toEqual({ small: { value: [1] }, big: { omittedBytes: 32 } });
    expect(reads).toEqual({ small: 1, big: 1 });

    value.small = [1, 2];
    versions.small++;
    value.big = 'x'.repeat(40);
    versions.big++;
    expect(report(2_000)).toEqual({ small: { value: [1, 2] }, big: { omittedBytes: 32 } });
    expect(reads).toEqual({ small: 2, big: 1 });
    // Ten seconds after it was last measured, the large one is measured again; it fits now.
    value.big = 'short';
    expect(report(10_000)).toEqual({ small: { value: [1, 2] }, big: { value: 'short' } });
    expect(reads).toEqual({ small: 2, big: 2 });
  });
});

describe('the local values of a metrics report', () => {
  it('takes a value or a size, never both, and defaults to none', () => {
    expect(localValueSchema.safeParse({ value: [1] }).success).toBe(true);
    expect(localValueSchema.safeParse({ omittedBytes: 5 }).success).toBe(true);
    expect(localValueSchema.safeParse({ value: 1, omittedBytes: 5 }).success).toBe(false);
    expect(localValueSchema.safeParse({ omittedBytes: -1 }).success).toBe(false);
    const old = { deployment: 'd', opsPerSecond: 0, deltasSent: 0, bytesSent: 0, unacked: 0 };
    expect(agentMetricsSchema.parse(old).local).toEqual({});
  });
});
