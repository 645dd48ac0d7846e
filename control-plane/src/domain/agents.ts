import {
  agentHelloSchema,
  type AgentHello,
  DISCONNECT_REASONS,
  PROTOCOL_VERSION,
  type DisconnectReason,
} from '@inflow/shared-core';
import type { AgentRecord, Labels, Store } from '../data/store.js';
import type { AgentSessions } from './agent-sessions.js';
import { hashToken } from './secrets.js';

export interface AgentView {
  id: string;
  name: string;
  labels: Labels;
  trusted: boolean;
  online: boolean;
  lastSeen: string;
  /** The running deployments that place work or replicas on this agent. */
  assigned: string[];
}

export type AgentAdmission =
  | { ok: true; agent: AgentRecord; hello: AgentHello }
  | {
      ok: false;
      reason: DisconnectReason;
      message: string;
      /** Counts towards the per-IP limit on failed authentication. */
      authFailure: boolean;
    };

const refuse = (
  reason: DisconnectReason,
  message: string,
  authFailure = false,
): AgentAdmission => ({
  ok: false,
  reason,
  message,
  authFailure,
});

/**
 * Admits an agent from its handshake: the token must be live, the protocol ours, and the name
 * the one its token reserves (if any) and not used by another agent. Labels fixed on the token
 * override those the agent claims; trust comes from the token only.
 */
export async function admitAgent(
  store: Store,
  handshakeAuth: unknown,
  now = Date.now(),
): Promise<AgentAdmission> {
  const hello = agentHelloSchema.safeParse(handshakeAuth);
  if (!hello.success) {
    const problems = hello.error.issues.map((i) => `${i.path.join('.') || 'auth'}: ${i.message}`);
    return refuse(DISCONNECT_REASONS.badToken, `invalid hello: ${problems.join('; ')}`, true);
  }
  const { token, name, labels, protocol } = hello.data;
  const record = await store.findAgentTokenByHash(hashToken(token));
  if (!record) return refuse(DISCONNECT_REASONS.badToken, 'unknown or revoked agent token', true);
  if (protocol !== PROTOCOL_VERSION) {
    return refuse(
      DISCONNECT_REASONS.protocolMismatch,
      `protocol mismatch: the control plane speaks protocol ${PROTOCOL_VERSION}, the agent ${protocol}`,
    );
  }
  if (hello.data.trusted && !record.trusted) {
    return refuse(
      DISCONNECT_REASONS.badToken,
      `agent "${name}" asks to be trusted (--trusted), but its token is not; ` +
        'create a token with "trusted": true for it',
    );
  }
  if (record.name !== null && record.name !== name) {
    return refuse(
      DISCONNECT_REASONS.badToken,
      `this token belongs to the agent named "${record.name}", not "${name}"`,
    );
  }
  const result = await store.recordAgentConnected({
    id: record.id,
    name,
    labels: { ...labels, ...record.labels },
    at: now,
  });
  switch (result.status) {
    case 'connected':
      return { ok: true, agent: result.agent, hello: hello.data };
    case 'name-taken':
      return refuse(
        DISCONNECT_REASONS.duplicateName,
        `the name "${name}" is already used by agent ${result.by}`,
      );
    case 'no-token':
      return refuse(DISCONNECT_REASONS.badToken, 'unknown or revoked agent token', true);
  }
}

export async function listAgents(
  store: Store,
  sessions: AgentSessions,
  deployments: { assignedTo(agent: string): string[] },
): Promise<AgentView[]> {
  return (await store.listAgents()).map((a) => {
    const online = sessions.isOnline(a.id);
    const lastSeen = (online && sessions.lastSeen(a.id)) || a.lastSeen;
    return {
      id: a.id,
      name: a.name,
      labels: a.labels,
      trusted: a.trusted,
      online,
      lastSeen: new Date(lastSeen).toISOString(),
      assigned: deployments.assignedTo(a.name),
    };
  });
}
