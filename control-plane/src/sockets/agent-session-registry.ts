import type { DisconnectReason } from '@inflow/shared-core';
import type { AgentSessions } from '../domain/agent-sessions.js';

/** The little the registry needs of a connection, so it can be tested without socket.io. */
export interface SessionSocket {
  close(reason: DisconnectReason): void;
}

interface Session {
  socket: SessionSocket;
  lastSeen: number;
}

/** Which connection each agent is on: at most one; a newer connection replaces an older one. */
export class AgentSessionRegistry implements AgentSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly onCountChange: (online: number) => void = () => {}) {}

  /** Records the connection and returns the one it replaced, which the caller should close. */
  attach(agentId: string, socket: SessionSocket, now = Date.now()): SessionSocket | undefined {
    const previous = this.sessions.get(agentId)?.socket;
    this.sessions.set(agentId, { socket, lastSeen: now });
    this.onCountChange(this.sessions.size);
    return previous;
  }

  /** Forgets the connection if it is still the agent's current one; true if it was. */
  detach(agentId: string, socket: SessionSocket): boolean {
    if (this.sessions.get(agentId)?.socket !== socket) return false;
    this.sessions.delete(agentId);
    this.onCountChange(this.sessions.size);
    return true;
  }

  touch(agentId: string, socket: SessionSocket, now = Date.now()): void {
    const session = this.sessions.get(agentId);
    if (session?.socket === socket) session.lastSeen = now;
  }

  disconnect(agentId: string, reason: DisconnectReason): boolean {
    const session = this.sessions.get(agentId);
    if (!session) return false;
    // Closing fires the connection's own disconnect handling, which detaches it.
    session.socket.close(reason);
    return true;
  }

  isOnline(agentId: string): boolean {
    return this.sessions.has(agentId);
  }

  lastSeen(agentId: string): number | undefined {
    return this.sessions.get(agentId)?.lastSeen;
  }

  get size(): number {
    return this.sessions.size;
  }
}
