import { describe, expect, it } from 'vitest';
import { statusReturnPath } from './status-return.js';

describe('where signing in to the status pages returns to', () => {
  it('when next is a status page, then that page with its query', () => {
    expect(statusReturnPath('/status')).toBe('/status');
    expect(statusReturnPath('/status/deployments/d_1?tab=2')).toBe('/status/deployments/d_1?tab=2');
    // Resolved as a browser would, and still under /status.
    expect(statusReturnPath('/status/x/../deployments/d_1')).toBe('/status/deployments/d_1');
  });

  it('when next is anything else, then nothing: there is no open redirect', () => {
    for (const next of [
      undefined,
      ['/status', '/status'],
      '',
      'status',
      '/',
      '/api/agents',
      '/statusbar',
      '/status/../api/agents',
      '//evil.example/status',
      '/\\evil.example/status',
      '/\t/evil.example/status',
      '/status\n',
      'https://evil.example/status',
      'javascript:alert(1)//status',
    ]) {
      expect([next, statusReturnPath(next)]).toEqual([next, undefined]);
    }
  });
});
