import { DISCONNECT_REASONS, PROTOCOL_VERSION } from '@inflow/shared-core';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import {
  agentHello,
  connected,
  refused,
  serverWithSockets,
  within,
} from '../testing/test-server.js';

const suite = serverWithSockets();

function open(auth: Record<string, unknown>): Socket {
  const socket = suite.open('/agent', auth);
  return socket;
}

async function token(body: object = {}): Promise<{ id: string; token: string }> {
  return (await (await suite.server.send('POST', '/api/agent-tokens', body)).json()) as {
    id: string;
    token: string;
  };
}

interface AgentView {
  id: string;
  name: string;
  labels: Record<string, string>;
  trusted: boolean;
  online: boolean;
  lastSeen: string;
}

async function agentById(id: string): Promise<AgentView | undefined> {
  const agents = (await (await suite.server.api('/api/agents')).json()) as AgentView[];
  return agents.find((a) => a.id === id);
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('/agent namespace', () => {
  it('when an agent joins with a valid token, then it is listed online with its token trust and labels', async () => {
    const { id, token: secret } = await token({ labels: { region: 'eu' }, trusted: true });
    const socket = open(agentHello(secret, 'joiner', { role: 'client', region: 'us' }));
    await connected(socket);
    expect(await agentById(id)).toEqual({
      id,
      name: 'joiner',
      labels: { role: 'client', region: 'eu' },
      trusted: true,
      online: true,
      lastSeen: expect.stringMatching(/^\d{4}-/),
      assigned: [],
    });
  });

  it('when the agent goes away, then it is listed offline with the time it was last seen', async () => {
    const { id, token: secret } = await token();
    const socket = open(agentHello(secret, 'leaver'));
    await connected(socket);
    const before = Date.now();
    socket.disconnect();
    await eventually(async () => (await agentById(id))?.online === false, 'offline');
    const agent = await agentById(id);
    expect(Date.parse(agent!.lastSeen)).toBeGreaterThanOrEqual(before - 5);
  });

  it('when the token is forged, then the handshake is refused as a bad token', async () => {
    const err = await refused(open(agentHello('forged-token-forged-token', 'forger')));
    expect(err.message).toBe('unknown or revoked agent token');
    expect(err.data).toEqual({ status: 401, reason: DISCONNECT_REASONS.badToken });
  });

  it('when the hello is malformed, then the refusal names the bad fields', async () => {
    const err = await refused(open({ token: 42, name: '../etc' }));
    expect(err.message).toMatch(/^invalid hello: /);
    expect(err.message).toMatch(/token/);
    expect(err.message).toMatch(/name/);
    expect(err.message).toMatch(/protocol/);
  });

  it('when the protocol differs, then the refusal says which versions meet', async () => {
    const { token: secret } = await token();
    const err = await refused(
      open({ ...agentHello(secret, 'old'), protocol: PROTOCOL_VERSION + 1 }),
    );
    expect(err.message).toBe(
      `protocol mismatch: the control plane speaks protocol ${PROTOCOL_VERSION}, the agent ${PROTOCOL_VERSION + 1}`,
    );
    expect(err.data).toMatchObject({ reason: DISCONNECT_REASONS.protocolMismatch });
  });

  it('when a token reserves a name and the agent says another, then it is refused', async () => {
    const { token: secret } = await token({ name: 'bound-name' });
    const err = await refused(open(agentHello(secret, 'other-name')));
    expect(err.message).toBe(
      'this token belongs to the agent named "bound-name", not "other-name"',
    );
  });

  it('when another agent already has the name, then the newcomer is refused as a duplicate', async () => {
    const first = await token();
    const second = await token();
    await connected(open(agentHello(first.token, 'same-name')));
    const err = await refused(open(agentHello(second.token, 'same-name')));
    expect(err.message).toBe(`the name "same-name" is already used by agent ${first.id}`);
    expect(err.data).toMatchObject({ reason: DISCONNECT_REASONS.duplicateName });
  });

  it('when the same agent connects again, then the new connection replaces the old one', async () => {
    const { id, token: secret } = await token();
    const old = open(agentHello(secret, 'restarted'));
    await connected(old);
    const closing = new Promise((resolve) => old.on('closing', resolve));
    const fresh = open(agentHello(secret, 'restarted'));
    await connected(fresh);
    expect(await within(closing, 5000, 'closing')).toBe(DISCONNECT_REASONS.duplicateName);
    await eventually(async () => !old.connected, 'the old socket to close');
    expect(fresh.connected).toBe(true);
    expect((await agentById(id))?.online).toBe(true);
    // The event log says it was a takeover, not an agent gone and back.
    const events = async () =>
      (
        (await (await suite.server.api('/api/events')).json()) as { events: { message: string }[] }
      ).events
        .map((e) => e.message)
        .filter((m) => m.startsWith('restarted '));
    await eventually(async () => (await events()).length >= 3, 'the events');
    expect(await events()).toEqual([
      'restarted connected',
      'restarted disconnected: another process connected with its name and token, and took its place',
      'restarted connected',
    ]);
  });

  it('when a replication message is refused, then the refusal names its deployment and variable if they are readable', async () => {
    const { token: secret } = await token();
    const socket = open(agentHello(secret, 'refused-one'));
    const refusals: unknown[] = [];
    socket.on('refused', (r: unknown) => refusals.push(r));
    await connected(socket);
    const digest = new Uint8Array([0]);
    socket.emit('digest', { deployment: 'd_gone', variable: 'clicks', digest });
    socket.emit('digest', { deployment: 'd_gone', variable: 'clicks', digest: 'text' });
    socket.emit('digest', { deployment: 'd_gone', variable: 42, digest });
    socket.emit('metrics', { deployment: 'd_gone' });
    await eventually(async () => refusals.length === 4, 'four refusals');
    expect(refusals).toEqual([
      {
        event: 'digest',
        code: 'wrong-deployment',
        reason: 'no running deployment "d_gone"',
        deployment: 'd_gone',
        variable: 'clicks',
      },
      {
        event: 'digest',
        code: 'malformed',
        reason: 'digest: expected binary data',
        deployment: 'd_gone',
        variable: 'clicks',
      },
      { event: 'digest', code: 'malformed', reason: expect.stringContaining('variable') },
      { event: 'metrics', code: 'malformed', reason: expect.any(String) },
    ]);
  });

  it('when an agent connects or leaves, then the online gauge follows', async () => {
    const gauge = async () => {
      const text = await (await suite.server.api('/metrics')).text();
      return Number(/^inflow_agents_online (\d+)$/m.exec(text)?.[1]);
    };
    const base = await gauge();
    const { token: secret } = await token();
    const socket = open(agentHello(secret, 'gauged'));
    await connected(socket);
    expect(await gauge()).toBe(base + 1);
    socket.disconnect();
    await eventually(async () => (await gauge()) === base, 'the gauge to drop');
  });
});

describe('the main namespace', () => {
  it('when a client connects to /, then it is told where to go', async () => {
    const socket = suite.open('/', {});
    const err = await refused(socket);
    expect(err.message).toBe('connect to the /editor or the /agent namespace');
  });
});
