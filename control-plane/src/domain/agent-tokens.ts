import { agentHelloSchema, DISCONNECT_REASONS } from '@inflow/shared-core';
import { z } from 'zod';
import { AppError, notFound } from '../app-error.js';
import type { Labels, Store } from '../data/store.js';
import type { Hub } from '../hub/hub.js';
import type { AgentSessions } from './agent-sessions.js';
import { parseInput } from './parse-input.js';
import { generateToken, hashToken, newId } from './secrets.js';

const MAX_LABELS = 32;

export const agentTokenInputSchema = z.strictObject({
  name: agentHelloSchema.shape.name.optional(),
  labels: agentHelloSchema.shape.labels.refine(
    (labels) => Object.keys(labels).length <= MAX_LABELS,
    `at most ${MAX_LABELS} labels`,
  ),
  trusted: z.boolean().default(false),
});

export interface AgentTokenView {
  id: string;
  name: string | null;
  labels: Labels;
  trusted: boolean;
  createdAt: string;
}

/** Issues a token for one agent. The secret is returned here and never again. */
export async function createAgentToken(
  store: Store,
  input: unknown,
  now = Date.now(),
): Promise<AgentTokenView & { token: string }> {
  const { name, labels, trusted } = parseInput(agentTokenInputSchema, input ?? {}, 'agent token');
  const token = generateToken();
  const record = {
    id: newId('agt'),
    name: name ?? null,
    labels,
    trusted,
    tokenHash: hashToken(token),
    createdAt: now,
  };
  if ((await store.insertAgentToken(record)) === 'name-taken') {
    throw new AppError(409, `the agent name "${name}" is already taken by another agent or token`);
  }
  return { ...toView(record), token };
}

export async function listAgentTokens(store: Store): Promise<AgentTokenView[]> {
  return (await store.listAgentTokens()).map(toView);
}

/**
 * Revokes a token: it stops working at once, the agent using it is disconnected, and what it ran
 * is placed on the others without waiting for it (it cannot come back). Answered once placed.
 */
export async function revokeAgentToken(
  deps: { store: Store } & RevokedDeps,
  id: string,
): Promise<void> {
  if (!(await deps.store.deleteAgentToken(id))) throw notFound('agent token', id);
  await dropRevokedAgent(deps, id);
}

type RevokedDeps = { sessions: AgentSessions; hub: Pick<Hub, 'agentRevoked'> };

/** Disconnects the agent of a revoked token, and has the hub place its work at once. */
export async function dropRevokedAgent(deps: RevokedDeps, id: string): Promise<void> {
  // Before the disconnect, which then finds the agent gone and gives it no grace.
  const placed = deps.hub.agentRevoked(id);
  deps.sessions.disconnect(id, DISCONNECT_REASONS.tokenRevoked);
  await placed;
}

const toView = (r: {
  id: string;
  name: string | null;
  labels: Labels;
  trusted: boolean;
  createdAt: number;
}): AgentTokenView => ({
  id: r.id,
  name: r.name,
  labels: r.labels,
  trusted: r.trusted,
  createdAt: new Date(r.createdAt).toISOString(),
});
