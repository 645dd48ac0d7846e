import { z } from 'zod';
import type { AnyCrdtType } from '../crdt/crdt-type.js';

/**
 * A threshold read (Lasp §1.2): met once the variable reaches it, and, being monotone, met from
 * then on. `value` compares a counter's number, `cardinality` a set's size, `state` the lattice order;
 * `strict` asks for strictly more.
 */
export type Threshold =
  | { kind: 'value'; n: number; strict?: boolean | undefined }
  | { kind: 'cardinality'; n: number; strict?: boolean | undefined }
  | { kind: 'state'; state: unknown; strict?: boolean | undefined };

export const scalarThresholdSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('value'), n: z.number().finite(), strict: z.boolean().optional() }),
  z.object({
    kind: z.literal('cardinality'),
    n: z.number().int().min(0),
    strict: z.boolean().optional(),
  }),
]);

const beyond = (x: number, n: number, strict: boolean | undefined) => (strict ? x > n : x >= n);

/** Whether a queried value meets a scalar threshold; `state` thresholds need the lattice (below). */
export function scalarThresholdMet(threshold: Threshold, value: unknown): boolean {
  switch (threshold.kind) {
    case 'value':
      return typeof value === 'number' && beyond(value, threshold.n, threshold.strict);
    case 'cardinality':
      return Array.isArray(value) && beyond(value.length, threshold.n, threshold.strict);
    case 'state':
      return false;
  }
}

export function thresholdMet(
  threshold: Threshold,
  type: AnyCrdtType | undefined,
  state: unknown,
  value: unknown,
): boolean {
  if (threshold.kind !== 'state') return scalarThresholdMet(threshold, value);
  if (!type) return false;
  const reached = type.leq(threshold.state, state);
  return reached && (!threshold.strict || !type.leq(state, threshold.state));
}
