import { describe, expect, it } from 'vitest';
import { retryAfterOf } from './live-link';

const refused = (data: unknown) => Object.assign(new Error('refused'), { data });

describe('a refused live connection', () => {
  it('waits out a lockout (429) as long as it says, and never retries any other refusal', () => {
    expect(retryAfterOf(refused({ status: 429, retryAfter: 47 }))).toBe(47);
    expect(retryAfterOf(refused({ status: 429, retryAfter: 0 }))).toBe(0);
    expect(retryAfterOf(refused({ status: 401, reason: 'bad token' }))).toBeUndefined();
    expect(retryAfterOf(refused({ status: 429 }))).toBeUndefined();
    expect(retryAfterOf(refused({ status: 429, retryAfter: '47' }))).toBeUndefined();
    expect(retryAfterOf(refused(null))).toBeUndefined();
    expect(retryAfterOf(new Error('xhr poll error'))).toBeUndefined();
  });
});
