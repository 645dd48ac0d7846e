import { describe, expect, it } from 'vitest';
import { placedAgainMessage } from './re-placement.js';

describe('the event for work placed again without an agent', () => {
  const ok = { ok: true, changed: true } as const;
  const failed = (reason: string) => ({ ok: false, reason }) as const;

  it('says it was placed again only when it was', () => {
    expect(placedAgainMessage('a stayed away', [{ deployment: 'd1', placed: ok }])).toBe(
      'a stayed away; its work was placed again',
    );
    expect(placedAgainMessage('a stayed away', [{ deployment: 'd1', placed: failed('x') }])).toBe(
      'a stayed away; its work could not be placed again: x; the previous plan stays',
    );
    expect(placedAgainMessage('a stayed away', [])).toBe('a stayed away');
  });

  it('names the deployments when there are several', () => {
    const outcomes = [
      { deployment: 'd1', placed: failed('x') },
      { deployment: 'd2', placed: ok },
      { deployment: 'd3', placed: failed('y') },
    ];
    expect(placedAgainMessage("a's token was revoked", outcomes)).toBe(
      "a's token was revoked; its work could not be placed again: d1: x; d3: y; " +
        'the previous plan stays; in d2 it was placed again',
    );
  });
});
