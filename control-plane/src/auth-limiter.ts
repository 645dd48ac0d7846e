import { ipKeyGenerator, MemoryStore, type Options } from 'express-rate-limit';
import type { AuthSurface } from './metrics.js';

/**
 * Which count a surface's failures go to. The admin token's surfaces (REST, the page's login, the
 * editor socket) share one, so a guesser gains nothing by switching between them; agent tokens
 * have their own, so bad logins to the API never lock agents with valid tokens out (agents often
 * share an address with people, behind one NAT or on one host), nor bad agents the operator.
 */
const BUCKETS = { http: 'admin', editor: 'admin', agent: 'agent' } as const satisfies Record<
  AuthSurface,
  string
>;

/**
 * How many agents behind one address may each fail up to the limit before the address as a whole
 * is held back. Agents are counted by the name they claim too, so one agent with a bad token does
 * not lock out its neighbours on the same host; the address count still bounds a guesser who
 * changes names on every try, at this many times the limit.
 */
export const AGENT_NAMES_PER_ADDRESS = 8;

/** Who is trying: the client's address and, on the agent surface, the valid name it claims. */
export interface AuthClient {
  ip: string | undefined;
  agentName?: string | undefined;
}

interface Count {
  key: string;
  limit: number;
}

/**
 * Counts failed authentications per client IP (IPv6 by /56, as express-rate-limit does) and per
 * bucket (see BUCKETS) in one express-rate-limit MemoryStore; agents also per claimed name (see
 * AGENT_NAMES_PER_ADDRESS). A client past a limit is refused on that bucket's surfaces before its
 * token is even checked, so a correct guess after the limit gets nowhere. Only failures count: a
 * busy client with a valid token never trips it, however many requests it has in flight.
 */
export class AuthLimiter {
  private readonly store = new MemoryStore();

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {
    // The store reads only `windowMs` from the limiter options.
    this.store.init({ windowMs } as Options);
  }

  /** Seconds until the client may try `surface` again, or undefined when it is not blocked. */
  async retryAfter(surface: AuthSurface, client: AuthClient): Promise<number | undefined> {
    let wait: number | undefined;
    for (const { key, limit } of this.counts(surface, client)) {
      const info = await this.store.get(key);
      if (!info || info.totalHits < limit) continue;
      const ms = (info.resetTime?.getTime() ?? Date.now() + this.windowMs) - Date.now();
      wait = Math.max(wait ?? 0, 1, Math.ceil(ms / 1000));
    }
    return wait;
  }

  async recordFailure(surface: AuthSurface, client: AuthClient): Promise<void> {
    for (const { key } of this.counts(surface, client)) await this.store.increment(key);
  }

  shutdown(): void {
    this.store.shutdown();
  }

  private counts(surface: AuthSurface, client: AuthClient): Count[] {
    const address = `${BUCKETS[surface]}:${ipKeyGenerator(client.ip ?? 'unknown')}`;
    if (surface !== 'agent') return [{ key: address, limit: this.limit }];
    return [
      { key: address, limit: this.limit * AGENT_NAMES_PER_ADDRESS },
      { key: `${address}:${client.agentName ?? ''}`, limit: this.limit },
    ];
  }
}
