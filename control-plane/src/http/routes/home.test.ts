import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentHello,
  connected,
  readExample,
  startTestServer,
  testSocket,
  withAdminToken,
  type TestServer,
} from '../../testing/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(withAdminToken);
});
afterAll(() => t.dispose());

async function signIn(token: string, next?: string): Promise<Response> {
  return fetch(`${t.url}/status/login`, {
    method: 'POST',
    body: new URLSearchParams({ token, ...(next === undefined ? {} : { next }) }),
    redirect: 'manual',
  });
}

describe('GET /status', () => {
  it('when not signed in, then the page explains how to sign in and use the API, listing nothing', async () => {
    const res = await fetch(`${t.url}/status`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('<form method="post" action="/status/login">');
    expect(page).toContain(
      `curl -H "Authorization: Bearer $INFLOW_ADMIN_TOKEN" ${t.url}/api/agents`,
    );
    expect(page).not.toContain('<h2>Agents');
  });

  it('when signed in, then agents and graphs are listed with every value escaped', async () => {
    const graph = {
      ...((await readExample('ad-counter.json')) as object),
      name: '<script>x</script>',
    };
    expect((await t.send('POST', '/api/graphs', graph)).status).toBe(201);
    const created = await t.send('POST', '/api/agent-tokens', { labels: { note: '"><b>' } });
    const { token } = (await created.json()) as { token: string };
    const agent = testSocket(t.url, '/agent', agentHello(token, 'page-agent'));
    await connected(agent);
    try {
      const login = await signIn(t.adminToken);
      expect(login.status).toBe(303);
      const cookie = login.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      const page = await (
        await fetch(`${t.url}/status`, { headers: { cookie: cookie.split(';')[0]! } })
      ).text();
      expect(page).toContain('<h2>Agents (1)</h2>');
      expect(page).toContain('page-agent');
      expect(page).toContain('online');
      expect(page).toContain('note=&quot;&gt;&lt;b&gt;');
      expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
      expect(page).not.toContain('<script>');
    } finally {
      agent.disconnect();
    }
  });

  it('when the cookie holds a wrong token, then the sign-in page is shown', async () => {
    const res = await fetch(`${t.url}/status`, { headers: { cookie: 'inflow_admin=nope%zz' } });
    expect(await res.text()).toContain('action="/status/login"');
  });
});

describe('POST /status/login and /status/logout', () => {
  it('when the token is wrong, then 401 with the sign-in page and no cookie', async () => {
    const res = await signIn('not-the-token');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('That is not the admin token.');
  });

  it('when signing out, then the cookie is cleared', async () => {
    const res = await fetch(`${t.url}/status/logout`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/^inflow_admin=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('when the cookie is presented to the API, then it does not authenticate', async () => {
    const res = await fetch(`${t.url}/api/agents`, {
      headers: { cookie: `inflow_admin=${t.adminToken}` },
    });
    expect(res.status).toBe(401);
  });

  it('when signed in, then a deployment has a page that shows its values and refreshes itself', async () => {
    const created = await t.send('POST', '/api/agent-tokens', {
      name: 'page-server',
      trusted: true,
      labels: { role: 'client' },
    });
    const { token } = (await created.json()) as { token: string };
    const agent = testSocket(t.url, '/agent', {
      ...agentHello(token, 'page-server', { role: 'client' }),
      trusted: true,
    });
    agent.on('assign', (_a: unknown, reply: (r: unknown) => void) => reply({ ok: true }));
    await connected(agent);
    try {
      const res = await t.send('POST', '/api/deployments', await readExample('ad-counter.json'));
      const { deploymentId } = (await res.json()) as { deploymentId: string };
      const ad = { id: '<rovio-1>', advertiser: 'Rovio' };
      await t.send('POST', `/api/deployments/${deploymentId}/variables/rovioAds/ops`, {
        op: { op: 'add', value: ad },
      });
      const cookie = ((await signIn(t.adminToken)).headers.get('set-cookie') ?? '').split(';')[0]!;
      const page = await (
        await fetch(`${t.url}/status/deployments/${deploymentId}`, { headers: { cookie } })
      ).text();
      expect(page).toContain('http-equiv="refresh"');
      expect(page).toContain('&lt;rovio-1&gt;');
      expect(page).toContain('removeAd');
      expect(page).toContain('page-server');
      // Its own events only: the agent's joining belongs to no deployment.
      expect(page).toMatch(/<td>deploy<\/td>\s*<td>deployed/);
      expect(page).not.toContain('page-server connected');
      const signedOut = await fetch(`${t.url}/status/deployments/${deploymentId}`, {
        redirect: 'manual',
      });
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('location')).toBe(
        `/status?next=${encodeURIComponent(`/status/deployments/${deploymentId}`)}`,
      );
      const missing = await fetch(`${t.url}/status/deployments/d_<gone>`, { headers: { cookie } });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
      const text = await missing.text();
      expect(text).toContain('Not found: no deployment with id &quot;d_&lt;gone&gt;&quot;.');
      expect(text).toContain('<a href="/status">');
    } finally {
      agent.disconnect();
    }
  });
});

describe('signing in from a link to a status page', () => {
  const page = '/status/deployments/d_linked?x=1';

  it('when a deployment page is opened signed out, then signing in goes back to it', async () => {
    const opened = await fetch(`${t.url}${page}`, { redirect: 'manual' });
    const location = opened.headers.get('location') ?? '';
    const form = await (await fetch(`${t.url}${location}`)).text();
    expect(form).toContain(`<input type="hidden" name="next" value="${page}" />`);
    const login = await signIn(t.adminToken, page);
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe(page);
  });

  it('when the token is wrong, then the page asked for is kept for the next try', async () => {
    const res = await signIn('not-the-token', page);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain(`<input type="hidden" name="next" value="${page}" />`);
  });

  it('when next leads off the status pages, then it is ignored and sign-in goes to /status', async () => {
    for (const next of [
      '//evil.example/status',
      '/\\evil.example/status',
      '/\t/evil.example/status',
      'https://evil.example/status',
      '/status/../api/agents',
      '/statusbar',
      '/',
      'status',
    ]) {
      const login = await signIn(t.adminToken, next);
      expect([next, login.headers.get('location')]).toEqual([next, '/status']);
      const form = await (await fetch(`${t.url}/status?next=${encodeURIComponent(next)}`)).text();
      expect(form).not.toContain('name="next"');
    }
  });
});
