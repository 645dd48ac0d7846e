import {
  DISCONNECT_REASONS,
  exactBytes,
  type AgentHello,
  type AgentToServerEvents,
  type DisconnectReason,
  type ServerToAgentEvents,
} from '@inflow/shared-core';
import type { Namespace, Socket } from 'socket.io';
import type { Deps } from '../deps.js';
import { dropRevokedAgent } from '../domain/agent-tokens.js';
import { admitAgent } from '../domain/agents.js';
import type { SessionSocket } from './agent-session-registry.js';
import { agentPort, handleAgentEvents } from './agent-events.js';
import { guardedMiddleware, recordAuthFailure, refusal } from './socket-errors.js';

export interface AgentSocketData {
  agentId: string;
  name: string;
  labels: Record<string, string>;
  trusted: boolean;
  hello: AgentHello;
}

type NoEvents = Record<never, never>;
export type AgentNamespace = Namespace<
  AgentToServerEvents,
  ServerToAgentEvents,
  NoEvents,
  AgentSocketData
>;
export type AgentSocket = Socket<
  AgentToServerEvents,
  ServerToAgentEvents,
  NoEvents,
  AgentSocketData
>;

/**
 * `/agent`: admits agents by their token (see `admitAgent`), keeps one connection per agent and
 * its online state and last-seen time, and hands each connection to the hub.
 */
export function attachAgentNamespace(nsp: AgentNamespace, deps: Deps): { drain(): Promise<void> } {
  const { store, sessions, logger } = deps;
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>, what: string) => {
    const p = work
      .catch((err: unknown) => logger.error({ err }, what))
      .finally(() => pending.delete(p));
    pending.add(p);
  };

  nsp.use(
    guardedMiddleware(deps, 'agent', async (socket: AgentSocket) => {
      const admission = await admitAgent(store, socket.handshake.auth);
      if (!admission.ok) {
        if (admission.authFailure) {
          await recordAuthFailure(deps, 'agent', socket, admission.message);
        }
        return refusal(admission.message, { status: 401, reason: admission.reason });
      }
      socket.data.agentId = admission.agent.id;
      socket.data.name = admission.agent.name;
      socket.data.labels = admission.agent.labels;
      socket.data.trusted = admission.agent.trusted && admission.hello.trusted;
      socket.data.hello = admission.hello;
      return undefined;
    }),
  );

  // A delta goes to its variable's room in one emit, so a broker adapter can carry it to agents
  // connected to other hub processes.
  deps.hub.useBroadcast((room, exceptSocket, message) => {
    const target = exceptSocket === undefined ? nsp.to(room) : nsp.to(room).except(exceptSocket);
    target.emit('delta', { ...message, delta: exactBytes(message.delta) });
  });

  nsp.on('connection', (socket: AgentSocket) => {
    const { agentId, name } = socket.data;
    // Why the control plane closed this session, if it did: the event log says so.
    let closedFor: DisconnectReason | undefined;
    const session: SessionSocket = {
      close: (reason) => {
        closedFor = reason;
        socket.emit('closing', reason);
        socket.disconnect(true);
      },
    };
    sessions.attach(agentId, session)?.close(DISCONNECT_REASONS.duplicateName);
    logger.info({ agentId, name, address: socket.handshake.address }, 'agent connected');
    socket.conn.on('heartbeat', () => sessions.touch(agentId, session));
    const port = agentPort(socket);
    handleAgentEvents(socket, port, deps.hub, logger);
    track(deps.hub.agentConnected(port, socket.data.hello.running), 'could not assign an agent');
    socket.on('disconnect', (reason) => {
      track(
        deps.hub.agentDisconnected(port, closedFor),
        'could not record a disconnect in the hub',
      );
      if (!sessions.detach(agentId, session)) return;
      logger.info({ agentId, name, reason }, 'agent disconnected');
      track(store.recordAgentDisconnected(agentId, Date.now()), 'could not record a disconnect');
    });
    // A revocation between the handshake and this point found no session to close; catch it.
    track(
      store.getAgentToken(agentId).then(async (token) => {
        if (!token) await dropRevokedAgent(deps, agentId);
      }),
      'could not recheck an agent token',
    );
  });

  return {
    drain: async () => {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}
