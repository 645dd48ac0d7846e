import { z } from 'zod';

/**
 * What an agent reports of one of its local (dynamic) variables: the value, or only its size
 * when it is too large to send. The hub keeps no copy of such a variable, so these reports are
 * the only way its state reaches the editor.
 */
export const localValueSchema = z.union(
  [
    z.strictObject({ omittedBytes: z.number().int().nonnegative() }),
    z.strictObject({ value: z.unknown() }),
  ],
  // Otherwise a union that matches no member says only "Invalid input".
  { error: 'expected {value} or {omittedBytes: a whole number ≥ 0}' },
);
export type LocalValue = z.output<typeof localValueSchema>;

/** Per variable, at most this much JSON is sent; a report carries at most `total` in all. */
export interface LocalValueLimits {
  perValue: number;
  total: number;
}

/**
 * Well under the control plane's smallest useful message size, so a report never gets an agent
 * disconnected for an oversized message, yet a leaderboard's or a small set's value fits.
 */
export const LOCAL_VALUE_LIMITS: LocalValueLimits = { perValue: 16 * 1024, total: 64 * 1024 };

const encoder = new TextEncoder();

/** JSON's size in UTF-8 bytes; a value JSON cannot write (a cycle, a BigInt) counts as too big. */
function jsonBytes(value: unknown): number {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? 0 : encoder.encode(json).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

interface Measured {
  value: unknown;
  bytes: number;
}

/** Each value whose JSON fits both its own limit and what is left of the total; else its size. */
function assemble(
  measured: Iterable<readonly [string, Measured]>,
  limits: LocalValueLimits,
): Record<string, LocalValue> {
  const report: Record<string, LocalValue> = {};
  let left = limits.total;
  for (const [id, { value, bytes }] of measured) {
    if (bytes <= limits.perValue && bytes <= left) {
      report[id] = { value };
      left -= bytes;
    } else {
      report[id] = { omittedBytes: Number.isFinite(bytes) ? bytes : 0 };
    }
  }
  return report;
}

/** A local variable to report: `version` changes whenever its value does; `read` gives it. */
export interface LocalReading {
  id: string;
  version: number;
  read: () => unknown;
}

/**
 * An agent's report of its local variables' values, in the order given: each value whose JSON
 * fits both its own limit and what is left of the total, and for the others only their size.
 * Made again and again (once a second), it does not read and measure every value every time,
 * which costs a walk of the whole copy: a value
 * whose version is unchanged is not read again, and one too large to send is measured again at
 * most every `remeasureMs` however often it changes (its size in the report is that old).
 */
export class LocalValueReporter {
  private readonly last = new Map<string, Measured & { version: number; at: number }>();

  constructor(
    private readonly limits: LocalValueLimits = LOCAL_VALUE_LIMITS,
    private readonly remeasureMs = 10_000,
  ) {}

  report(readings: Iterable<LocalReading>, now: number): Record<string, LocalValue> {
    const measured: Array<readonly [string, Measured]> = [];
    const seen = new Set<string>();
    for (const { id, version, read } of readings) {
      seen.add(id);
      const last = this.last.get(id);
      const tooLarge = last !== undefined && last.bytes > this.limits.perValue;
      if (last && (last.version === version || (tooLarge && now - last.at < this.remeasureMs))) {
        measured.push([id, last]);
        continue;
      }
      const value = read();
      const fresh = { value, bytes: jsonBytes(value), version, at: now };
      this.last.set(id, fresh);
      measured.push([id, fresh]);
    }
    for (const id of this.last.keys()) if (!seen.has(id)) this.last.delete(id);
    return assemble(measured, this.limits);
  }
}
