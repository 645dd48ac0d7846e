import { agentNameSchema } from '@inflow/shared-core';
import type { AuthClient } from '../auth-limiter.js';
import type { Deps } from '../deps.js';
import type { AuthSurface } from '../metrics.js';

/** The payload of a refused handshake, as the client's `connect_error` receives it in `data`. */
export interface RefusalData {
  status: 401 | 429 | 500;
  reason?: string;
  retryAfter?: number;
}

export const refusal = (message: string, data: RefusalData): Error & { data: RefusalData } =>
  Object.assign(new Error(message), { data });

type Next = (err?: Error) => void;

/** The part of a socket.io socket the handshake checks read. */
interface HandshakeSocket {
  handshake: { address: string; auth: unknown };
}

/** The limiter's view of a handshake: its address, and the agent name it claims if valid. */
function authClient(socket: HandshakeSocket): AuthClient {
  const { auth } = socket.handshake;
  const name = typeof auth === 'object' && auth !== null && 'name' in auth ? auth.name : undefined;
  const claimed = agentNameSchema.safeParse(name);
  return { ip: socket.handshake.address, agentName: claimed.success ? claimed.data : undefined };
}

/**
 * Runs an async handshake check as socket.io middleware: refused when the client is past the
 * failed-auth limit, and never left hanging when the check itself fails.
 */
export function guardedMiddleware<S extends HandshakeSocket>(
  deps: Deps,
  surface: AuthSurface,
  check: (socket: S) => Promise<Error | undefined>,
): (socket: S, next: Next) => void {
  return (socket, next) => {
    const run = async () => {
      const wait = await deps.limiter.retryAfter(surface, authClient(socket));
      if (wait !== undefined) {
        return refusal(`too many failed authentication attempts; try again in ${wait} s`, {
          status: 429,
          retryAfter: wait,
        });
      }
      return check(socket);
    };
    run().then(
      (error) => next(error),
      (error: unknown) => {
        deps.logger.error({ err: error, surface }, 'socket handshake check failed');
        next(refusal('internal error while checking the handshake', { status: 500 }));
      },
    );
  };
}

/** Counts a failed authentication towards the client's limit and the metric. */
export async function recordAuthFailure(
  deps: Deps,
  surface: AuthSurface,
  socket: HandshakeSocket,
  message: string,
): Promise<void> {
  await deps.limiter.recordFailure(surface, authClient(socket));
  deps.metrics.authFailures.inc({ surface });
  deps.logger.warn({ surface, address: socket.handshake.address, message }, 'socket auth failed');
}

/** Event names socket.io emits on a server socket itself, which a client must not fake. */
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
  'error',
]);

/** The part of a server socket `refuseReservedEvents` needs. */
interface GuardedSocket {
  use(fn: (event: unknown[], next: (err?: Error) => void) => void): unknown;
}

/**
 * Drops an incoming event named like one of socket.io's own. The msgpack parser checks a
 * packet's shape but not its event name, so a client writing packets itself could send
 * "disconnect" and have a live connection handled as gone (its agent listed offline, its work
 * placed elsewhere). An ack that came with it is answered.
 */
export function refuseReservedEvents(socket: GuardedSocket, deps: Pick<Deps, 'logger'>): void {
  socket.use((event, next) => {
    const [name] = event;
    if (typeof name === 'string' && !RESERVED_EVENTS.has(name)) return next();
    const error = `"${String(name).slice(0, 64)}" is not an event a client may send`;
    deps.logger.warn({ event: String(name).slice(0, 64) }, 'dropped a client event');
    const ack = event.length > 1 ? event.at(-1) : undefined;
    if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: false, error });
  });
}
