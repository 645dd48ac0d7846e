import type { EffectClaim, EffectRequest } from '@inflow/shared-core';
import type { Logger } from 'pino';

/** How the gate reaches the hub's effect ledger (the agent's socket, or a ledger in tests). */
export interface EffectChannel {
  /** Resolves with the hub's decision; rejects when none came (timeout, disconnect, refusal). */
  claim(claim: EffectClaim): Promise<boolean>;
  /** Reports a granted effect performed (fire and forget: the ledger holds it for us meanwhile). */
  complete(claim: EffectClaim): void;
}

interface Pending {
  readonly claim: EffectClaim;
  readonly perform: () => void | Promise<void>;
}

const MAX_RETRY_MS = 30_000;

/**
 * The `effects` gate of one deployment's enforce_once triggers: an effect is performed only
 * after the hub granted its claim, and then reported complete. Claims made while disconnected
 * wait for the next connection; a claim that got no answer is asked again (the ledger grants a
 * holder its own claim again), so nothing is performed without a grant and nothing is dropped.
 * Closing the gate (the deployment ended or is rebuilt) drops everything: a rebuilt runtime's
 * triggers fire again from its state and claim anew.
 */
export class EffectGate {
  private readonly waiting = new Map<string, Pending>();
  private readonly inflight = new Map<string, Pending>();
  /** Performed, but no connection to report it on yet. */
  private readonly unreported = new Map<string, EffectClaim>();
  private channel: EffectChannel | undefined;
  private closed = false;
  private retryMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly firstRetryMs: number;
  private readonly onFailure: (node: string, error: unknown) => void;

  constructor(
    private readonly deployment: string,
    private readonly logger: Logger,
    options: {
      /** The first delay before asking again for a claim that got no answer. */
      firstRetryMs?: number;
      /** Hears of an effect that failed, beside the log (the agent reports it to the hub). */
      onFailure?: (node: string, error: unknown) => void;
    } = {},
  ) {
    this.firstRetryMs = options.firstRetryMs ?? 1000;
    this.retryMs = this.firstRetryMs;
    this.onFailure = options.onFailure ?? (() => {});
  }

  /** The function `installGraph` takes as `effects`. */
  readonly request = (effect: EffectRequest, perform: () => void | Promise<void>): void => {
    if (this.closed) return;
    const key = JSON.stringify([effect.node, effect.key]);
    if (this.waiting.has(key) || this.inflight.has(key)) return;
    this.waiting.set(key, {
      claim: { deployment: this.deployment, node: effect.node, key: effect.key },
      perform,
    });
    this.sendWaiting();
  };

  /** Claims waiting for an answer or for a connection. */
  get pending(): number {
    return this.waiting.size + this.inflight.size;
  }

  open(channel: EffectChannel): void {
    if (this.closed) return;
    this.channel = channel;
    for (const claim of this.unreported.values()) channel.complete(claim);
    this.unreported.clear();
    this.sendWaiting();
  }

  /** The connection is gone: claims in flight fail through their channel and wait again. */
  pause(): void {
    this.channel = undefined;
    this.clearRetry();
  }

  close(): void {
    this.closed = true;
    this.channel = undefined;
    this.clearRetry();
    this.waiting.clear();
    this.inflight.clear();
    this.unreported.clear();
  }

  private sendWaiting(): void {
    const channel = this.channel;
    if (!channel) return;
    for (const [key, p] of this.waiting) {
      this.waiting.delete(key);
      this.inflight.set(key, p);
      channel.claim(p.claim).then(
        (granted) => this.answered(key, p, granted),
        (error: unknown) => this.unanswered(key, p, error),
      );
    }
  }

  private answered(key: string, p: Pending, granted: boolean): void {
    if (this.inflight.get(key) !== p) return;
    this.inflight.delete(key);
    this.retryMs = this.firstRetryMs;
    const where = { deployment: this.deployment, node: p.claim.node, key: p.claim.key };
    if (!granted) {
      this.logger.debug(where, 'effect not granted: another agent holds or did it');
      return;
    }
    // Not reported complete when it fails: the grant stays ours, and the next claim (after a
    // restart) performs it again.
    const failed = (error: unknown) => {
      this.logger.error({ ...where, err: error }, 'effect failed');
      this.onFailure(p.claim.node, error);
    };
    const done = () => {
      this.logger.info(where, 'effect performed');
      if (this.channel) this.channel.complete(p.claim);
      else this.unreported.set(key, p.claim);
    };
    let result: void | Promise<void>;
    try {
      result = p.perform();
    } catch (error) {
      failed(error);
      return;
    }
    if (result instanceof Promise) result.then(done, failed);
    else done();
  }

  private unanswered(key: string, p: Pending, error: unknown): void {
    if (this.inflight.get(key) !== p) return;
    this.inflight.delete(key);
    this.waiting.set(key, p);
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      { deployment: this.deployment, node: p.claim.node, key: p.claim.key, reason },
      'effect claim got no answer; asking again',
    );
    if (!this.channel || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.sendWaiting();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
