import type { AgentPort } from './agent-port.js';
import type { HubEvent } from './hub-event.js';
import type { LateCarry } from './late-carry.js';
import type { LiveDeployment } from './live-deployment.js';

/** What sending shares asks of the hub. */
export interface SharesHub {
  readonly late: LateCarry;
  event(event: Omit<HubEvent, 'at'>): void;
  changed(deployment: string): void;
}

/**
 * The share of each running deployment each connected agent was sent last, by agent name, so an
 * agent gets a share only when it changed (or is told it has none any more).
 */
export class SharesSent {
  private readonly sent = new Map<string, Map<string, string>>();

  constructor(private readonly hub: SharesHub) {}

  /** An agent (re)connected: it has been sent nothing on this connection. */
  connected(agent: string): void {
    this.sent.set(agent, new Map());
  }

  disconnected(agent: string): void {
    this.sent.delete(agent);
  }

  has(agent: string, deployment: string): boolean {
    return this.sent.get(agent)?.has(deployment) ?? false;
  }

  /** Forgets a deployment that ended; true if the agent had a share of it. */
  ended(agent: string, deployment: string): boolean {
    return this.sent.get(agent)?.delete(deployment) ?? false;
  }

  /** Sends an agent its share of a deployment when it changed (or unassigns it). */
  send(live: LiveDeployment, port: AgentPort): void {
    const sent = this.sent.get(port.name);
    if (!sent) return;
    const share = live.shareOf(port.name);
    // Keyed by content, not version: an agent whose share did not change keeps running it as it is.
    const key = share ? JSON.stringify(share) : undefined;
    if (key === sent.get(live.id)) return;
    if (!share) {
      sent.delete(live.id);
      live.room.leave(port.name);
      port.setRooms(live.id, []);
      port.unassign(live.id);
      return;
    }
    sent.set(live.id, key as string);
    const rooms = live.roomsOf(share);
    const joined = live.room.join(port.name, port.link, rooms);
    if (!joined.ok) {
      this.hub.event({ deployment: live.id, kind: 'error', message: joined.reason });
      return;
    }
    port.setRooms(
      live.id,
      rooms.map((v) => live.socketRoom(v)),
    );
    // Not awaited: placement changes must not wait on an agent that may be gone meanwhile.
    const carry = this.hub.late.localCarry(live, port.name, share);
    void port.assign(live.assignmentFor(share, port.replica, carry)).then((result) => {
      if (result.ok) return;
      this.hub.event({
        deployment: live.id,
        kind: 'error',
        message: `${port.name} could not run its share: ${result.error}`,
      });
    });
    this.hub.changed(live.id);
  }
}
