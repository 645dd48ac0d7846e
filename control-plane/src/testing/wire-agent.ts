import type { Assignment, DeltaMessage, Refusal } from '@inflow/shared-core';
import type { Socket } from 'socket.io-client';
import { agentHello, connected, type serverWithSockets } from './test-server.js';

/**
 * A client that speaks the agent protocol by hand, over a real socket: it records what the hub
 * sends and answers every assignment, so these tests see the wire, not the agent's behaviour.
 */
export interface WireAgent {
  socket: Socket;
  token: string;
  assignments: Assignment[];
  unassigned: string[];
  deltas: DeltaMessage[];
  refusals: Refusal[];
}

export async function connectWireAgent(
  suite: ReturnType<typeof serverWithSockets>,
  name: string,
  role: string,
  trusted = false,
  /** A token from an earlier connection (a reconnect); otherwise one is created. */
  token?: string,
): Promise<WireAgent> {
  const secret =
    token ??
    (
      (await (await suite.server.send('POST', '/api/agent-tokens', { name, trusted })).json()) as {
        token: string;
      }
    ).token;
  const socket = suite.open('/agent', {
    ...agentHello(secret, name, { role }),
    trusted,
  });
  const agent: WireAgent = {
    socket,
    token: secret,
    assignments: [],
    unassigned: [],
    deltas: [],
    refusals: [],
  };
  socket.on('assign', (a: Assignment, reply: (r: unknown) => void) => {
    agent.assignments.push(a);
    reply({ ok: true, value: { replica: a.replica } });
  });
  socket.on('unassign', (d: string) => agent.unassigned.push(d));
  socket.on('delta', (m: DeltaMessage) => agent.deltas.push(m));
  socket.on('refused', (r: Refusal) => agent.refusals.push(r));
  await connected(socket);
  return agent;
}

/** A metrics report with nothing measured but the fields given (malformed ones too). */
export function reportMetrics(
  agent: WireAgent,
  deployment: string,
  fields: Record<string, unknown>,
): void {
  agent.socket.emit('metrics', {
    deployment,
    opsPerSecond: 0,
    deltasSent: 0,
    bytesSent: 0,
    unacked: 0,
    ...fields,
  });
}

export async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
