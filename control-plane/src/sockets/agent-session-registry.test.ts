import type { DisconnectReason } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { AgentSessionRegistry, type SessionSocket } from './agent-session-registry.js';

/** A connection that records why it was closed, and detaches itself as a real one does. */
function fakeSocket(registry: AgentSessionRegistry, agentId: string) {
  const closed: DisconnectReason[] = [];
  const socket: SessionSocket = {
    close: (reason) => {
      closed.push(reason);
      registry.detach(agentId, socket);
    },
  };
  return { socket, closed };
}

describe('AgentSessionRegistry', () => {
  it('when an agent connects twice, then the second connection replaces the first', () => {
    const counts: number[] = [];
    const registry = new AgentSessionRegistry((n) => counts.push(n));
    const first = fakeSocket(registry, 'a');
    const second = fakeSocket(registry, 'a');
    expect(registry.attach('a', first.socket, 1)).toBeUndefined();
    expect(registry.attach('a', second.socket, 2)).toBe(first.socket);
    expect(registry.detach('a', first.socket)).toBe(false);
    expect(registry.isOnline('a')).toBe(true);
    expect(registry.detach('a', second.socket)).toBe(true);
    expect(registry.isOnline('a')).toBe(false);
    expect(counts).toEqual([1, 1, 0]);
  });

  it('when disconnected by id, then the socket is told why and the agent is offline', () => {
    const registry = new AgentSessionRegistry();
    const s = fakeSocket(registry, 'a');
    registry.attach('a', s.socket, 1);
    expect(registry.disconnect('a', 'token-revoked')).toBe(true);
    expect(s.closed).toEqual(['token-revoked']);
    expect(registry.isOnline('a')).toBe(false);
    expect(registry.disconnect('a', 'token-revoked')).toBe(false);
  });

  it('when a heartbeat arrives, then last seen moves only for the current connection', () => {
    const registry = new AgentSessionRegistry();
    const old = fakeSocket(registry, 'a');
    const current = fakeSocket(registry, 'a');
    registry.attach('a', old.socket, 1);
    registry.attach('a', current.socket, 2);
    registry.touch('a', old.socket, 50);
    expect(registry.lastSeen('a')).toBe(2);
    registry.touch('a', current.socket, 60);
    expect(registry.lastSeen('a')).toBe(60);
  });
});
