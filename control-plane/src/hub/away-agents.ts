import type { PlacementAgent } from '@inflow/shared-core';

interface Away {
  /** The id of its token, by which a revocation names it. */
  id: string;
  agent: PlacementAgent;
  timer: NodeJS.Timeout;
}

/**
 * The agents that disconnected and are within their grace period: each keeps what it runs but
 * gets nothing new, until it comes back or the grace is over (`expired`).
 */
export class AwayAgents {
  private readonly away = new Map<string, Away>();

  constructor(
    private readonly graceMs: number,
    private readonly expired: (name: string) => void,
  ) {}

  mark(id: string, agent: PlacementAgent): void {
    this.take(agent.name);
    const timer = setTimeout(() => this.expired(agent.name), this.graceMs);
    timer.unref();
    this.away.set(agent.name, { id, agent, timer });
  }

  /** Ends an agent's grace (it came back, or its time is up); false if it was not away. */
  take(name: string): boolean {
    const away = this.away.get(name);
    if (away) clearTimeout(away.timer);
    return this.away.delete(name);
  }

  /** Ends the grace of the agent of token `id`, and says which agent that was. */
  takeById(id: string): string | undefined {
    const name = [...this.away.values()].find((a) => a.id === id)?.agent.name;
    if (name !== undefined) this.take(name);
    return name;
  }

  /** As placement sees them: offline, so they keep what they run but get nothing new. */
  agents(): PlacementAgent[] {
    return [...this.away.values()].map(({ agent }) => ({ ...agent, online: false }));
  }

  shutdown(): void {
    for (const { timer } of this.away.values()) clearTimeout(timer);
    this.away.clear();
  }
}
