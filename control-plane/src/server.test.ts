import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  agentHello,
  connected,
  readExample,
  startTestServer,
  testSocket,
  within,
  type TestServer,
} from './testing/test-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track(t: TestServer): TestServer {
  cleanups.push(() => t.dispose());
  return t;
}

/** Every byte of the data dir (the database and its WAL), as one string to search. */
async function dataDirBytes(dir: string): Promise<string> {
  const files = await readdir(dir);
  const parts = await Promise.all(files.map((f) => readFile(join(dir, f))));
  return Buffer.concat(parts).toString('latin1');
}

describe('start', () => {
  it('when started without an admin token, then one is generated, returned, and works', async () => {
    const t = track(await startTestServer());
    expect(t.server.adminToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(t.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await t.api('/api/agents')).status).toBe(200);
  });

  it('when the port is taken, then start rejects and the data dir can be used again', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const dataDir = await mkdtemp(join(tmpdir(), 'inflow-cp-'));
    try {
      await expect(startTestServer({ dataDir, port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
    track(await startTestServer({ dataDir }));
  });
});

describe('restart on the same data dir', () => {
  it('when restarted, then graphs, revisions, tokens and the admin token survive, and no token is generated', async () => {
    const first = await startTestServer();
    const adminToken = first.adminToken;
    const graph = await readExample('ad-counter.json');
    const { id } = (await (await first.send('POST', '/api/graphs', graph)).json()) as {
      id: string;
    };
    const renamed = { ...(graph as object), name: 'Renamed' };
    await first.send('PUT', `/api/graphs/${id}`, { rev: 1, graph: renamed });
    const created = (await (
      await first.send('POST', '/api/agent-tokens', { name: 'keeper', trusted: true })
    ).json()) as { id: string; token: string };
    const agent = testSocket(first.url, '/agent', agentHello(created.token, 'keeper'));
    await connected(agent);
    agent.disconnect();

    const second = track(await first.restart());
    expect(second.server.adminToken).toBeUndefined();
    const res = await second.api('/api/graphs', {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([expect.objectContaining({ id, name: 'Renamed', rev: 2 })]);
    expect(await (await second.api(`/api/graphs/${id}?rev=1`)).json()).toEqual(graph);
    expect(await (await second.api('/api/agent-tokens')).json()).toEqual([
      expect.objectContaining({ id: created.id, name: 'keeper', trusted: true }),
    ]);
    expect(await (await second.api('/api/agents')).json()).toEqual([
      expect.objectContaining({ id: created.id, name: 'keeper', online: false }),
    ]);
    const again = testSocket(second.url, '/agent', agentHello(created.token, 'keeper'));
    await connected(again);
    again.disconnect();
  });

  it('when the data dir is inspected, then no token is in it, only hashes', async () => {
    const t = track(await startTestServer());
    const created = (await (await t.send('POST', '/api/agent-tokens', {})).json()) as {
      token: string;
    };
    await t.server.stop();
    const bytes = await dataDirBytes(t.dataDir);
    expect(bytes).toContain('admin_token_sha256');
    expect(bytes).not.toContain(t.adminToken);
    expect(bytes).not.toContain(created.token);
  });

  it('when a token is configured later, then it replaces the generated one and is kept', async () => {
    const first = await startTestServer();
    await first.server.stop();
    const configured = 'configured-admin-token-123';
    const second = await startTestServer({ dataDir: first.dataDir, adminToken: configured });
    expect(second.server.adminToken).toBeUndefined();
    const withOld = await second.api('/api/agents', {
      headers: { authorization: `Bearer ${first.adminToken}` },
    });
    expect(withOld.status).toBe(401);
    expect((await second.api('/api/agents')).status).toBe(200);
    await second.server.stop();
    const third = track(await startTestServer({ dataDir: first.dataDir }));
    expect(third.server.adminToken).toBeUndefined();
    const withConfigured = await third.api('/api/agents', {
      headers: { authorization: `Bearer ${configured}` },
    });
    expect(withConfigured.status).toBe(200);
  });
});

describe('stop', () => {
  it('when stopped with an agent connected, then the agent is disconnected and stop resolves', async () => {
    const t = track(await startTestServer());
    const { token } = (await (await t.send('POST', '/api/agent-tokens', {})).json()) as {
      token: string;
    };
    const agent: Socket = testSocket(t.url, '/agent', agentHello(token, 'stopped'));
    await connected(agent);
    const gone = new Promise((resolve) => agent.on('disconnect', resolve));
    await t.server.stop();
    await within(gone, 5000, 'the agent to be disconnected');
    await t.server.stop();
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
  });
});
