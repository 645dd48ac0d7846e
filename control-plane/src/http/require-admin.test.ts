import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_NAMES_PER_ADDRESS } from '../auth-limiter.js';
import {
  agentHello,
  connected,
  refused,
  startTestServer,
  testSocket,
  withAdminToken,
  type TestServer,
} from '../testing/test-server.js';

const LIMIT = 5;
let t: TestServer | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await t?.dispose();
  t = undefined;
});

async function server(): Promise<TestServer> {
  t = await startTestServer({ ...withAdminToken, authFailuresPerMinute: LIMIT });
  return t;
}

const withToken = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('the admin token on /api', () => {
  it('when the header is missing, then 401 says what is needed', async () => {
    const s = await server();
    const res = await fetch(`${s.url}/api/graphs`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="inflow"');
    expect(await res.json()).toEqual({
      error: 'this needs an Authorization: Bearer <admin token> header',
    });
  });

  it('when the token is wrong, then 401 and the failure is counted', async () => {
    const s = await server();
    const res = await s.api('/api/graphs', withToken('not-the-admin-token'));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'the bearer token is not the admin token' });
    const metrics = await (await s.api('/metrics')).text();
    expect(metrics).toMatch(/^inflow_auth_failures_total\{surface="http"\} 1$/m);
  });

  it('when the header is not a bearer token, then 401 says the scheme is wrong', async () => {
    const s = await server();
    const res = await s.api('/api/graphs', {
      headers: { authorization: `Basic ${btoa(`admin:${s.adminToken}`)}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error:
        'the Authorization header uses the "Basic" scheme; send Authorization: Bearer <admin token>',
    });
    const bare = await s.api('/api/graphs', withToken(''));
    expect(await bare.json()).toEqual({
      error: 'the Authorization header is not of the form Authorization: Bearer <admin token>',
    });
  });
});

describe('the limit on failed authentication', () => {
  it('when an address fails too often, then even the right token gets 429 with Retry-After', async () => {
    const s = await server();
    for (let i = 0; i < LIMIT; i++) {
      expect((await s.api('/api/agents', withToken(`wrong-${i}`))).status).toBe(401);
    }
    const res = await s.api('/api/agents');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /^too many failed authentication attempts from this address; try again in \d+ s$/,
    );
    // The editor socket takes the same admin token: switching surfaces gains a guesser nothing.
    const err = await refused(testSocket(s.url, '/editor', { token: s.adminToken }));
    expect(err.message).toMatch(/^too many failed authentication attempts/);
    expect(err.data).toMatchObject({ status: 429 });
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('when bad admin tokens lock an address out of the API, then its agents still connect', async () => {
    const s = await server();
    const created = await s.send('POST', '/api/agent-tokens', { name: 'neighbour' });
    const { token } = (await created.json()) as { token: string };
    for (let i = 0; i < LIMIT; i++) {
      expect((await s.api('/api/agents', withToken(`wrong-${i}`))).status).toBe(401);
    }
    const editor = testSocket(s.url, '/editor', { token: 'wrong-again' });
    sockets.push(editor);
    expect((await refused(editor)).data).toMatchObject({ status: 429 });
    const agent = testSocket(s.url, '/agent', agentHello(token, 'neighbour'));
    sockets.push(agent);
    await connected(agent);
  });

  it('when one agent repeats a bad token, then it is limited, and its neighbours and the API are not', async () => {
    const s = await server();
    const created = await s.send('POST', '/api/agent-tokens', { name: 'neighbour' });
    const { token } = (await created.json()) as { token: string };
    for (let i = 0; i < LIMIT; i++) {
      const socket = testSocket(s.url, '/agent', agentHello(`forged-${i}`, 'forger'));
      sockets.push(socket);
      expect((await refused(socket)).message).toBe('unknown or revoked agent token');
    }
    const err = await refused(testSocket(s.url, '/agent', agentHello('forged-x', 'forger')));
    expect(err.data).toMatchObject({ status: 429 });
    const neighbour = testSocket(s.url, '/agent', agentHello(token, 'neighbour'));
    sockets.push(neighbour);
    await connected(neighbour);
    expect((await s.api('/api/agents')).status).toBe(200);
    const editor = testSocket(s.url, '/editor', { token: s.adminToken });
    sockets.push(editor);
    await connected(editor);
  });

  it('when a guesser changes agent names on every try, then the address is limited all the same', async () => {
    const s = await server();
    const created = await s.send('POST', '/api/agent-tokens', { name: 'neighbour' });
    const { token } = (await created.json()) as { token: string };
    for (let i = 0; i < LIMIT * AGENT_NAMES_PER_ADDRESS; i++) {
      const socket = testSocket(s.url, '/agent', agentHello(`forged-${i}`, `forger-${i}`));
      sockets.push(socket);
      expect((await refused(socket)).message).toBe('unknown or revoked agent token');
    }
    const err = await refused(testSocket(s.url, '/agent', agentHello(token, 'neighbour')));
    expect(err.data).toMatchObject({ status: 429 });
  });

  it('when many requests with the right token are in flight at once, then none is limited', async () => {
    const s = await server();
    const statuses = await Promise.all(
      Array.from({ length: LIMIT * 6 }, () => s.api('/api/agents').then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it('when requests fail for reasons other than auth, then they do not count', async () => {
    const s = await server();
    for (let i = 0; i < LIMIT + 2; i++) {
      expect((await s.api('/api/graphs/g_missing')).status).toBe(404);
    }
    expect((await s.api('/api/agents')).status).toBe(200);
  });
});
