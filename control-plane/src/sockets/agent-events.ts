import {
  ackMessageSchema,
  agentMetricsSchema,
  deltaMessageSchema,
  digestMessageSchema,
  effectClaimSchema,
  exactBytes,
  replicaIdOf,
  variableRefSchema,
  type AckMessage,
  type DeltaMessage,
  type DigestMessage,
  type Reply,
  type SyncEvent,
  type SyncMessages,
  type VariableRef,
} from '@inflow/shared-core';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AgentPort, PortResult } from '../hub/agent-port.js';
import type { Hub } from '../hub/hub.js';
import type { AgentSocket } from './agent-namespace.js';

const ACK_TIMEOUT_MS = 10_000;

const issues = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');

async function replyOf(pending: Promise<unknown>): Promise<PortResult> {
  try {
    const reply = (await pending) as { ok?: unknown; error?: unknown } | undefined;
    if (reply?.ok === true) return { ok: true };
    return { ok: false, error: typeof reply?.error === 'string' ? reply.error : 'no reason given' };
  } catch {
    return { ok: false, error: `no answer within ${ACK_TIMEOUT_MS / 1000} s` };
  }
}

/** The hub's view of a connected agent socket. */
export function agentPort(socket: AgentSocket): AgentPort {
  const { agentId, name, labels, trusted, hello } = socket.data;
  const roomsByDeployment = new Map<string, readonly string[]>();
  return {
    socketId: socket.id,
    setRooms: (deployment, rooms) => {
      for (const room of roomsByDeployment.get(deployment) ?? []) void socket.leave(room);
      for (const room of rooms) void socket.join(room);
      if (rooms.length > 0) roomsByDeployment.set(deployment, rooms);
      else roomsByDeployment.delete(deployment);
    },
    id: agentId,
    name,
    replica: replicaIdOf(name, hello.instance),
    labels,
    trusted,
    capacity: hello.capacity,
    link: {
      get isOpen() {
        return socket.connected;
      },
      send: <E extends SyncEvent>(event: E, message: SyncMessages[E]) => {
        // One emit per event name keeps socket.io's typed overloads happy.
        if (event === 'delta') {
          const m = message as DeltaMessage;
          socket.emit('delta', { ...m, delta: exactBytes(m.delta) });
        } else if (event === 'digest') {
          const m = message as DigestMessage;
          socket.emit('digest', { ...m, digest: exactBytes(m.digest) });
        } else socket.emit('ack', message as AckMessage);
      },
    },
    assign: (assignment) =>
      replyOf(socket.timeout(ACK_TIMEOUT_MS).emitWithAck('assign', assignment)),
    unassign: (deployment) => socket.emit('unassign', deployment),
    apply: (request) => replyOf(socket.timeout(ACK_TIMEOUT_MS).emitWithAck('apply', request)),
    refused: (refusal) => socket.emit('refused', refusal),
  };
}

/**
 * An agent's events, checked against the shared schemas before anything reaches the hub: a
 * malformed payload is answered with a `refused` naming what was wrong, and nothing else happens.
 */
export function handleAgentEvents(socket: AgentSocket, port: AgentPort, hub: Hub, logger: Logger) {
  // A refusal names the deployment and variable when it can: the agent routes it to the replica.
  const refuse = (event: string, code: string, reason: string, ref?: VariableRef) => {
    const named = ref ? { deployment: ref.deployment, variable: ref.variable } : {};
    logger.warn({ agent: port.name, event, code, reason, ...named }, 'refused an agent message');
    port.refused({ event, code, reason, ...named });
  };
  const sync = <E extends SyncEvent>(
    event: E,
    schema: z.ZodType<SyncMessages[E]>,
    payload: unknown,
  ) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      // Its names may be well-formed when the rest is not.
      const ref = variableRefSchema.safeParse(payload);
      return refuse(event, 'malformed', issues(parsed.error), ref.success ? ref.data : undefined);
    }
    const result = hub.receive(port.name, event, parsed.data);
    if (!result.ok) refuse(event, result.code, result.reason, parsed.data);
  };
  socket.on('delta', (payload: unknown) => sync('delta', deltaMessageSchema, payload));
  socket.on('ack', (payload: unknown) => sync('ack', ackMessageSchema, payload));
  socket.on('digest', (payload: unknown) => sync('digest', digestMessageSchema, payload));

  socket.on('metrics', (payload: unknown) => {
    const parsed = agentMetricsSchema.safeParse(payload);
    if (!parsed.success) return refuse('metrics', 'malformed', issues(parsed.error));
    hub.recordMetrics(port.name, parsed.data);
  });
  socket.on('claimEffect', (...args: unknown[]) => {
    // socket.io puts the ack last, after however many arguments the agent sent.
    const reply = args.at(-1);
    if (typeof reply !== 'function') return refuse('claimEffect', 'malformed', 'needs a reply');
    const answer = reply as Reply<{ granted: boolean }>;
    const payload = args.length > 1 ? args[0] : undefined;
    const parsed = effectClaimSchema.safeParse(payload);
    if (!parsed.success) return answer({ ok: false, error: issues(parsed.error) });
    const decision = hub.claimEffect(port.name, parsed.data);
    answer(
      'error' in decision ? { ok: false, error: decision.error } : { ok: true, value: decision },
    );
  });
  socket.on('completeEffect', (payload: unknown) => {
    const parsed = effectClaimSchema.safeParse(payload);
    if (!parsed.success) return refuse('completeEffect', 'malformed', issues(parsed.error));
    hub.completeEffect(port.name, parsed.data);
  });
}
