import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, withAdminToken, type TestServer } from '../testing/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(withAdminToken);
});
afterAll(() => t.dispose());

describe('a known path asked with a method it does not take', () => {
  // Every route's path, with the methods API.md gives it.
  const cases: Array<[method: string, path: string, allow: string]> = [
    ['PATCH', '/api/graphs', 'GET, HEAD, POST'],
    ['DELETE', '/api/graphs', 'GET, HEAD, POST'],
    ['PATCH', '/api/graphs/g_any', 'DELETE, GET, HEAD, PUT'],
    ['GET', '/api/graphs/g_any/deploy', 'POST'],
    ['GET', '/api/deployments/d_any/variables/v/ops', 'POST'],
    ['PUT', '/api/deployments', 'GET, HEAD, POST'],
    ['POST', '/api/deployments/d_any', 'DELETE, GET, HEAD'],
    ['DELETE', '/api/agents', 'GET, HEAD'],
    ['PUT', '/api/agent-tokens', 'GET, HEAD, POST'],
    ['GET', '/api/agent-tokens/agt_any', 'DELETE'],
    ['POST', '/api/events', 'GET, HEAD'],
    ['POST', '/healthz', 'GET, HEAD'],
    ['POST', '/metrics', 'GET, HEAD'],
    ['DELETE', '/status', 'GET, HEAD'],
    ['GET', '/status/login', 'POST'],
    ['PUT', '/status/deployments/d_any', 'GET, HEAD'],
  ];

  for (const [method, path, allow] of cases) {
    it(`when ${method} ${path}, then 405 with Allow: ${allow}`, async () => {
      const res = await t.api(path, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(await res.json()).toEqual({
        error: `${method} is not allowed on ${path}; it takes ${allow}`,
        allow: allow.split(', '),
      });
    });
  }

  it('when a path matches two routes, then Allow lists what both take', async () => {
    // `/api/graphs/validate` is also a graph id to `/api/graphs/:id`, which GET answers.
    const res = await t.api('/api/graphs/validate', { method: 'PATCH' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('DELETE, GET, HEAD, POST, PUT');
  });

  it('when the path is unknown, then it stays a 404', async () => {
    const res = await t.api('/api/graphs/g_any/nope', { method: 'PATCH' });
    expect(res.status).toBe(404);
    expect(res.headers.get('allow')).toBeNull();
    expect(await res.json()).toEqual({ error: 'no route for PATCH /api/graphs/g_any/nope' });
  });

  it('when the admin token is missing, then /api answers 401 before saying anything of its routes', async () => {
    const res = await fetch(`${t.url}/api/graphs`, { method: 'PATCH' });
    expect(res.status).toBe(401);
  });

  it('when the method is one the path takes, then the route answers as before', async () => {
    expect((await t.api('/api/graphs')).status).toBe(200);
    expect((await t.api('/api/graphs', { method: 'HEAD' })).status).toBe(200);
  });
});
