import type { DisconnectReason } from '@inflow/shared-core';

/**
 * The live connections of agents, as the domain sees them: no socket.io types, so use-cases can
 * be tested without a network and the transport can change.
 */
export interface AgentSessions {
  /** Tells the agent why and closes its connection; false if it was not connected. */
  disconnect(agentId: string, reason: DisconnectReason): boolean;
  isOnline(agentId: string): boolean;
  /** When the agent was last heard from on its current connection (epoch ms). */
  lastSeen(agentId: string): number | undefined;
}
