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

/**
 * An agent's report of its local variables' values, in the order given: each value whose JSON
 * fits both its own limit and what is left of the total, and for the others only their size.
 */
export function reportLocalValues(
  values: Iterable<readonly [string, unknown]>,
  limits: LocalValueLimits = LOCAL_VALUE_LIMITS,
): Record<string, LocalValue> {
  const report: Record<string, LocalValue> = {};
  let left = limits.total;
  for (const [id, value] of values) {
    const bytes = jsonBytes(value);
    if (bytes <= limits.perValue && bytes <= left) {
      report[id] = { value };
      left -= bytes;
    } else {
      report[id] = { omittedBytes: Number.isFinite(bytes) ? bytes : 0 };
    }
  }
  return report;
}
