import { z } from 'zod';
import { clipText, elementText } from '../dataflow/runtime-errors.js';

/** The most lines an agent keeps (and reports) per sink: the editor shows the latest few. */
export const SINK_LINES_KEPT = 5;
/** The longest line kept: enough to read a value, bounded for the metrics report. */
export const MAX_SINK_LINE = 300;

/** One thing a sink did on an agent: the line it logged, or a webhook's call and answer. */
export const sinkLineSchema = z.object({
  at: z.number(),
  text: z.string().max(MAX_SINK_LINE),
});
export type SinkLine = z.output<typeof sinkLineSchema>;

/** A sink's latest lines across agents, newest first, as the editor and the API show them. */
export interface SinkLineView extends SinkLine {
  agent: string;
}

/** What a sink's line says of a value: its text when the sink formats one, else its JSON. */
export function sinkLineText(value: unknown, text: string | undefined): string {
  return text === undefined ? elementText(value, MAX_SINK_LINE) : clipText(text, MAX_SINK_LINE);
}

/**
 * The latest lines of each sink on one agent, as Node-RED's debug sidebar keeps messages: only
 * the newest SINK_LINES_KEPT per sink, so a busy sink costs a report nothing more.
 */
export class SinkOutput {
  private readonly lines = new Map<string, SinkLine[]>();

  record(node: string, at: number, text: string): void {
    const kept = this.lines.get(node) ?? [];
    kept.unshift({ at, text: clipText(text, MAX_SINK_LINE) });
    if (kept.length > SINK_LINES_KEPT) kept.length = SINK_LINES_KEPT;
    this.lines.set(node, kept);
  }

  /** Each sink's lines, newest first. */
  report(): Record<string, SinkLine[]> {
    return Object.fromEntries([...this.lines].map(([node, kept]) => [node, [...kept]]));
  }
}

/** Every agent's lines of each sink, merged newest first, at most `limit` per sink. */
export function mergeSinkLines(
  byAgent: ReadonlyArray<readonly [string, Record<string, readonly SinkLine[]>]>,
  limit = 2 * SINK_LINES_KEPT,
): Record<string, SinkLineView[]> {
  const merged: Record<string, SinkLineView[]> = {};
  for (const [agent, sinks] of byAgent) {
    for (const [node, lines] of Object.entries(sinks)) {
      (merged[node] ??= []).push(...lines.map((l) => ({ agent, ...l })));
    }
  }
  for (const lines of Object.values(merged)) {
    lines.sort((a, b) => b.at - a.at);
    lines.length = Math.min(lines.length, limit);
  }
  return merged;
}

/**
 * `sinks` as reported at `sentAt` on the sender's clock, with each line's time moved onto the
 * receiver's, which read `receivedAt` on arrival. Off by the message's transit time only.
 */
export function rebaseSinkLines(
  sinks: Readonly<Record<string, readonly SinkLine[]>>,
  sentAt: number,
  receivedAt: number,
): Record<string, SinkLine[]> {
  const shift = receivedAt - sentAt;
  return Object.fromEntries(
    Object.entries(sinks).map(([node, lines]) => [
      node,
      lines.map((line) => ({ ...line, at: line.at + shift })),
    ]),
  );
}
