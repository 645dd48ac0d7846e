import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, withAdminToken, type TestServer } from '../../testing/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(withAdminToken);
});
afterAll(() => t.dispose());

describe('GET /healthz', () => {
  it('when called without a token, then 200 {ok: true}', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('when called, then helmet headers are set and Express is not advertised', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });
});

describe('CORS', () => {
  it('when a foreign origin asks, then no CORS grant is given', async () => {
    const res = await fetch(`${t.url}/api/agents`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when an allow-listed origin asks, then it is granted', async () => {
    const allowed = await startTestServer({ corsOrigins: ['https://editor.example'] });
    try {
      const res = await fetch(`${allowed.url}/api/agents`, {
        method: 'OPTIONS',
        headers: { origin: 'https://editor.example', 'access-control-request-method': 'GET' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://editor.example');
    } finally {
      await allowed.dispose();
    }
  });
});
