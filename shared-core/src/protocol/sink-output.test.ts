import { describe, expect, it } from 'vitest';
import {
  MAX_SINK_LINE,
  mergeSinkLines,
  rebaseSinkLines,
  SINK_LINES_KEPT,
  SinkOutput,
  sinkLineText,
} from './sink-output.js';

describe('SinkOutput', () => {
  it('keeps the newest lines of each sink, newest first, each bounded', () => {
    const out = new SinkOutput();
    for (let i = 1; i <= SINK_LINES_KEPT + 2; i++) out.record('log', i, `line ${i}`);
    out.record('hook', 10, 'x'.repeat(MAX_SINK_LINE + 50));
    const report = out.report();
    expect(report.log?.map((l) => l.text)).toEqual([
      'line 7',
      'line 6',
      'line 5',
      'line 4',
      'line 3',
    ]);
    expect(report.hook?.[0]?.text).toHaveLength(MAX_SINK_LINE);
    expect(report.hook?.[0]?.text.endsWith('…')).toBe(true);
  });

  it('shows a value as JSON unless the sink formats its own text', () => {
    expect(sinkLineText([{ id: 'a1' }], undefined)).toBe('[{"id":"a1"}]');
    expect(sinkLineText([{ id: 'a1' }], '1 ad')).toBe('1 ad');
    expect(sinkLineText(['x'.repeat(MAX_SINK_LINE)], undefined)).toHaveLength(MAX_SINK_LINE);
  });
});

describe('mergeSinkLines', () => {
  it("merges the agents' lines of each sink newest first, naming the agent, up to the limit", () => {
    const merged = mergeSinkLines(
      [
        [
          'client-1',
          {
            log: [
              { at: 5, text: 'c5' },
              { at: 1, text: 'c1' },
            ],
          },
        ],
        ['server-1', { log: [{ at: 3, text: 's3' }], hook: [{ at: 2, text: '200 ← x' }] }],
      ],
      2,
    );
    expect(merged).toEqual({
      log: [
        { agent: 'client-1', at: 5, text: 'c5' },
        { agent: 'server-1', at: 3, text: 's3' },
      ],
      hook: [{ agent: 'server-1', at: 2, text: '200 ← x' }],
    });
  });

  it("moves each line's time from the sender's clock to the receiver's, and leaves its text", () => {
    const sinks = {
      log: [
        { at: 9_000, text: 'b' },
        { at: 8_000, text: 'a' },
      ],
      hook: [],
    };
    expect(rebaseSinkLines(sinks, 10_000, 4_000)).toEqual({
      log: [
        { at: 3_000, text: 'b' },
        { at: 2_000, text: 'a' },
      ],
      hook: [],
    });
    expect(sinks.log[0]?.at).toBe(9_000);
  });
});
