import {
  DISCONNECT_REASONS,
  type AgentHello,
  type AgentMetrics,
  type AgentToServerEvents,
  type EffectClaim,
  type ServerToAgentEvents,
  type SyncEvent,
  type SyncLink,
  type SyncMessages,
} from '@inflow/shared-core';
import type { Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { z } from 'zod';
import { AgentFatalError, type FatalReason } from './agent-errors.js';
import type { EffectChannel } from './effect-gate.js';
import { toWire } from './wire-messages.js';

export type ReplyResult = { ok: true; value: unknown } | { ok: false; error: string };
export type ReplyFn = (result: ReplyResult) => void;

/** What the agent does with the server's events; arguments are raw, to be checked by the agent. */
export interface ConnectionHandlers {
  connected(): void;
  disconnected(reason: string): void;
  fatal(error: AgentFatalError): void;
  assign(raw: unknown, reply: ReplyFn): void;
  unassign(raw: unknown): void;
  apply(raw: unknown, reply: ReplyFn): void;
  sync(event: SyncEvent, raw: unknown): void;
  refused(raw: unknown): void;
}

export interface ConnectionOptions {
  url: string;
  /** Called before every connection attempt, so `running` is current. */
  hello: () => AgentHello;
  logger: Logger;
  handlers: ConnectionHandlers;
  /** How long to wait for the hub's answer to an effect claim. */
  claimTimeoutMs?: number;
}

/** Refusals that retrying cannot fix. */
const FATAL = new Set<string>([
  DISCONNECT_REASONS.badToken,
  DISCONNECT_REASONS.tokenRevoked,
  DISCONNECT_REASONS.protocolMismatch,
]);

const refusalDataSchema = z.object({
  status: z.number().optional(),
  reason: z.string().optional(),
  retryAfter: z.number().nonnegative().optional(),
});

const claimReplySchema = z.union([
  z.object({ ok: z.literal(true), value: z.object({ granted: z.boolean() }) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

/**
 * The agent's socket.io connection to the control plane's `/agent` namespace (msgpack,
 * websocket only). socket.io reconnects by itself after a transport failure; after a refused
 * handshake or a server-side disconnect it does not, so this class retries then, with backoff
 * (or after `retryAfter` on a 429), and gives up only on refusals retrying cannot fix.
 */
export class AgentConnection {
  private readonly socket: Socket<ServerToAgentEvents, AgentToServerEvents>;
  private readonly logger: Logger;
  private readonly claimTimeoutMs: number;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  /** The replication link every runner sends through. */
  readonly link: SyncLink;
  /** The effect gates' way to the hub's ledger. */
  readonly effects: EffectChannel;

  constructor(private readonly options: ConnectionOptions) {
    this.logger = options.logger;
    this.claimTimeoutMs = options.claimTimeoutMs ?? 10_000;
    this.socket = io(`${options.url.replace(/\/+$/, '')}/agent`, {
      parser: msgpackParser,
      transports: ['websocket'],
      autoConnect: false,
      // Its own manager even when another agent in this process uses the same URL.
      forceNew: true,
      reconnectionDelay: FIRST_RETRY_MS,
      reconnectionDelayMax: MAX_RETRY_MS,
      auth: (cb) => cb(options.hello()),
    });
    const socket = this.socket;
    this.link = {
      get isOpen() {
        return socket.connected;
      },
      send: <E extends SyncEvent>(event: E, message: SyncMessages[E]) => this.send(event, message),
    };
    this.effects = {
      claim: (claim) => this.claim(claim),
      complete: (claim) => {
        if (socket.connected) socket.emit('completeEffect', claim);
      },
    };
    this.listen();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  start(): void {
    this.socket.connect();
  }

  metrics(metrics: AgentMetrics): void {
    if (this.socket.connected) this.socket.emit('metrics', metrics);
  }

  close(): void {
    this.stopped = true;
    this.clearRetry();
    this.socket.disconnect();
  }

  private send<E extends SyncEvent>(event: E, message: SyncMessages[E]): void {
    // Never buffered by socket.io while disconnected: the endpoint resends on reconnect.
    if (!this.socket.connected) return;
    const wire = toWire(event, message);
    if (event === 'delta') this.socket.emit('delta', wire as SyncMessages['delta']);
    else if (event === 'ack') this.socket.emit('ack', wire as SyncMessages['ack']);
    else this.socket.emit('digest', wire as SyncMessages['digest']);
  }

  private async claim(claim: EffectClaim): Promise<boolean> {
    if (!this.socket.connected) throw new Error('not connected to the control plane');
    const raw: unknown = await this.socket
      .timeout(this.claimTimeoutMs)
      .emitWithAck('claimEffect', claim);
    const reply = claimReplySchema.safeParse(raw);
    if (!reply.success) throw new Error('the control plane sent a malformed claimEffect reply');
    if (!reply.data.ok) throw new Error(`the control plane refused the claim: ${reply.data.error}`);
    return reply.data.value.granted;
  }

  private listen(): void {
    const { handlers } = this.options;
    const socket = this.socket;
    // A throwing handler must not take the socket (or the process) down with it.
    const guarded =
      <A extends unknown[]>(what: string, fn: (...args: A) => void) =>
      (...args: A) => {
        try {
          fn(...args);
        } catch (error) {
          this.logger.error({ err: error, event: what }, 'agent failed to handle an event');
        }
      };
    const replyOf = (reply: unknown): ReplyFn =>
      typeof reply === 'function' ? (result) => (reply as ReplyFn)(result) : () => {};

    socket.on(
      'connect',
      guarded('connect', () => {
        this.attempt = 0;
        this.logger.info({ url: this.options.url }, 'connected to the control plane');
        handlers.connected();
      }),
    );
    socket.on(
      'disconnect',
      guarded('disconnect', (reason: string) => {
        const level = reason === 'io client disconnect' ? 'info' : 'warn';
        this.logger[level]({ reason }, 'disconnected from the control plane');
        handlers.disconnected(reason);
        if (reason === 'io server disconnect') this.retry(this.backoff());
      }),
    );
    socket.on(
      'connect_error',
      guarded('connect_error', (err: Error) => this.refused(err)),
    );
    socket.on(
      'closing',
      guarded('closing', (reason: unknown) => {
        const text = String(reason);
        // Another process took over this agent's token: coming back would take it back, forever.
        if (FATAL.has(text) || text === DISCONNECT_REASONS.duplicateName) {
          this.fatal(text as FatalReason, `the control plane closed this agent: ${text}`);
        } else {
          this.logger.warn({ reason: text }, 'the control plane is closing the connection');
        }
      }),
    );
    socket.on(
      'assign',
      guarded('assign', (raw: unknown, reply: unknown) => handlers.assign(raw, replyOf(reply))),
    );
    socket.on(
      'unassign',
      guarded('unassign', (raw: unknown) => handlers.unassign(raw)),
    );
    socket.on(
      'apply',
      guarded('apply', (raw: unknown, reply: unknown) => handlers.apply(raw, replyOf(reply))),
    );
    for (const event of ['delta', 'ack', 'digest'] as const) {
      socket.on(
        event,
        guarded(event, (raw: unknown) => handlers.sync(event, raw)),
      );
    }
    socket.on(
      'refused',
      guarded('refused', (raw: unknown) => handlers.refused(raw)),
    );
  }

  /** A handshake refused (or a connection that could not be made). */
  private refused(err: Error): void {
    const parsed = refusalDataSchema.safeParse((err as Error & { data?: unknown }).data);
    const data = parsed.success ? parsed.data : {};
    if (data.status === 401 && data.reason !== undefined && FATAL.has(data.reason)) {
      this.fatal(
        data.reason as FatalReason,
        `the control plane refused this agent: ${err.message}`,
      );
      return;
    }
    if (data.status === 429) {
      const wait = (data.retryAfter ?? 1) * 1000;
      this.logger.warn({ retryInMs: wait }, `connection refused: ${err.message}`);
      this.retry(wait);
      return;
    }
    // A middleware refusal leaves the socket inactive; a transport failure is retried by socket.io.
    const delay = this.socket.active ? undefined : this.backoff();
    this.logger.warn(
      { status: data.status, reason: data.reason, retryInMs: delay },
      `could not connect to the control plane: ${err.message}`,
    );
    if (delay !== undefined) this.retry(delay);
  }

  private fatal(reason: FatalReason, message: string): void {
    if (this.stopped) return;
    this.close();
    this.options.handlers.fatal(new AgentFatalError(reason, message));
  }

  private backoff(): number {
    const base = Math.min(FIRST_RETRY_MS * 2 ** this.attempt, MAX_RETRY_MS);
    this.attempt++;
    return Math.round(base * (0.5 + Math.random() / 2));
  }

  private retry(delayMs: number): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped && !this.socket.connected) this.socket.connect();
    }, delayMs);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
