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
 * Counts failed authentications per client IP (IPv6 by /56, as express-rate-limit does) and per
 * bucket (see BUCKETS) in one express-rate-limit MemoryStore. A client past the limit is refused
 * on that bucket's surfaces before its token is even checked, so a correct guess after the limit
 * gets nowhere. Only failures count: a busy client with a valid token never trips it, however
 * many requests it has in flight.
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
  async retryAfter(surface: AuthSurface, ip: string | undefined): Promise<number | undefined> {
    const info = await this.store.get(key(surface, ip));
    if (!info || info.totalHits < this.limit) return undefined;
    const ms = (info.resetTime?.getTime() ?? Date.now() + this.windowMs) - Date.now();
    return Math.max(1, Math.ceil(ms / 1000));
  }

  async recordFailure(surface: AuthSurface, ip: string | undefined): Promise<void> {
    await this.store.increment(key(surface, ip));
  }

  shutdown(): void {
    this.store.shutdown();
  }
}

const key = (surface: AuthSurface, ip: string | undefined): string =>
  `${BUCKETS[surface]}:${ipKeyGenerator(ip ?? 'unknown')}`;
