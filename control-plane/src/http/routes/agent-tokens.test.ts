import { DISCONNECT_REASONS } from '@inflow/shared-core';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import {
  agentHello,
  connected,
  refused,
  serverWithSockets,
  within,
} from '../../testing/test-server.js';

const suite = serverWithSockets();

interface Created {
  id: string;
  token: string;
  name: string | null;
  labels: Record<string, string>;
  trusted: boolean;
  createdAt: string;
}

async function createToken(body?: unknown): Promise<Created> {
  const res = await (body === undefined
    ? suite.server.api('/api/agent-tokens', { method: 'POST' })
    : suite.server.send('POST', '/api/agent-tokens', body));
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}

function agent(token: string, name: string): Socket {
  const socket = suite.open('/agent', agentHello(token, name));
  return socket;
}

describe('POST /api/agent-tokens', () => {
  it('when posted with name, labels and trust, then 201 returns the secret once with the record', async () => {
    const created = await createToken({
      name: 'server-9',
      labels: { role: 'server' },
      trusted: true,
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^agt_/),
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      name: 'server-9',
      labels: { role: 'server' },
      trusted: true,
      createdAt: expect.stringMatching(/^\d{4}-/),
    });
  });

  it('when posted without a body, then an untrusted, unnamed token is issued', async () => {
    const created = await createToken();
    expect(created).toMatchObject({ name: null, labels: {}, trusted: false });
  });

  it('when the fields are wrong, then 400 names each of them', async () => {
    const res = await suite.server.send('POST', '/api/agent-tokens', {
      name: 'has spaces',
      trusted: 'yes',
      admin: true,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; issues: { path: string }[] };
    expect(body.error).toMatch(/^invalid agent token: /);
    expect(body.issues.map((i) => i.path).sort()).toEqual(['', 'name', 'trusted']);
    expect(body.error).toMatch(/admin/);
  });

  it('when the name is already reserved by another token, then 409', async () => {
    await createToken({ name: 'twin' });
    const res = await suite.server.send('POST', '/api/agent-tokens', { name: 'twin' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/"twin" is already taken/);
  });
});

describe('GET /api/agent-tokens', () => {
  it('when tokens exist, then they are listed without their secrets or hashes', async () => {
    const created = await createToken({ name: 'listed-1' });
    const res = await suite.server.api('/api/agent-tokens');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(created.token);
    expect(text).not.toMatch(/hash/i);
    const tokens = JSON.parse(text) as object[];
    const { token: _secret, ...record } = created;
    expect(tokens).toContainEqual(record);
  });
});

describe('DELETE /api/agent-tokens/:id', () => {
  it('when a token is revoked, then its connected agent is told why and disconnected', async () => {
    const { id, token } = await createToken();
    const socket = agent(token, 'revokee');
    await connected(socket);
    const closing = new Promise((resolve) => socket.on('closing', resolve));
    const disconnected = new Promise((resolve) => socket.on('disconnect', resolve));

    const res = await suite.server.api(`/api/agent-tokens/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await within(closing, 5000, 'closing')).toBe(DISCONNECT_REASONS.tokenRevoked);
    expect(await within(disconnected, 5000, 'disconnect')).toBe('io server disconnect');
    expect(await (await suite.server.api('/api/agents')).json()).not.toContainEqual(
      expect.objectContaining({ id }),
    );
  });

  it('when a revoked token is used again, then the agent is refused', async () => {
    const { id, token } = await createToken();
    await suite.server.api(`/api/agent-tokens/${id}`, { method: 'DELETE' });
    const err = await refused(agent(token, 'after-revoke'));
    expect(err.message).toBe('unknown or revoked agent token');
    expect(err.data).toMatchObject({ reason: DISCONNECT_REASONS.badToken });
  });

  it('when the id is unknown (or already revoked), then 404', async () => {
    const { id } = await createToken();
    expect((await suite.server.api(`/api/agent-tokens/${id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    const again = await suite.server.api(`/api/agent-tokens/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: `no agent token with id "${id}"` });
  });
});
