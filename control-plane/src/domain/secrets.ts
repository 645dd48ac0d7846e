import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: shown once, then only its hash is kept. */
export const generateToken = (): string => randomBytes(32).toString('base64url');

// A plain SHA-256 is enough for 256-bit random tokens (no dictionary to slow down); an admin
// token chosen by a person is required to be at least 16 characters by the config.
export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/** Compares in constant time, so the response time says nothing about how much matched. */
export function tokenMatches(expectedHash: string, presented: string): boolean {
  const a = Buffer.from(expectedHash, 'hex');
  const b = Buffer.from(hashToken(presented), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Short random ids with a type prefix, easy to tell apart in logs and URLs. */
export const newId = (prefix: string): string =>
  `${prefix}_${randomBytes(9).toString('base64url')}`;
