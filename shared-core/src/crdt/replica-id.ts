import { z } from 'zod';

/**
 * Replica ids start with a letter or digit: derived tokens in operator outputs start with `<`, `>`
 * or `(`, so a token can be told apart from a replica's own `replica:counter` token.
 */
export const replicaIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'a replica id is 1-128 letters, digits, _ . : -');

/** The token of a replica's n-th add: unique because a replica never reuses a counter. */
export const baseToken = (replica: string, counter: number): string => `${replica}:${counter}`;

/** The replica and counter of a base token, or undefined for a derived token. */
export function parseBaseToken(token: string): { replica: string; counter: number } | undefined {
  const first = token.charCodeAt(0);
  if (first === 0x3c || first === 0x3e || first === 0x28) return undefined;
  const at = token.lastIndexOf(':');
  if (at <= 0) return undefined;
  const counter = Number(token.slice(at + 1));
  return Number.isSafeInteger(counter) && counter > 0
    ? { replica: token.slice(0, at), counter }
    : undefined;
}
