import { describe, expect, it } from 'vitest';
import { agentMetricsSchema } from './agent-messages.js';
import { localValueSchema, reportLocalValues } from './local-values.js';

const limits = { perValue: 20, total: 30 };

describe('reportLocalValues', () => {
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
