import { ipKeyGenerator, MemoryStore, type Options } from 'express-rate-limit';

/**
 * Counts failed authentications per client IP (IPv6 by /56, as express-rate-limit does) across
 * every surface (REST, the page's login, editor and agent sockets) in one express-rate-limit
 * MemoryStore. A client past the limit is refused before its token is even checked, so a correct
 * guess after the limit gets nowhere. Only failures count: a busy client with a valid token
 * never trips it, however many requests it has in flight.
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

  /** Seconds until the client may try again, or undefined when it is not blocked. */
  async retryAfter(ip: string | undefined): Promise<number | undefined> {
    const info = await this.store.get(key(ip));
    if (!info || info.totalHits < this.limit) return undefined;
    const ms = (info.resetTime?.getTime() ?? Date.now() + this.windowMs) - Date.now();
    return Math.max(1, Math.ceil(ms / 1000));
  }

  async recordFailure(ip: string | undefined): Promise<void> {
    await this.store.increment(key(ip));
  }

  shutdown(): void {
    this.store.shutdown();
  }
}

const key = (ip: string | undefined): string => ipKeyGenerator(ip ?? 'unknown');
