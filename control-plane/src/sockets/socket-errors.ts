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
  handshake: { address: string };
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
      const wait = await deps.limiter.retryAfter(socket.handshake.address);
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
  await deps.limiter.recordFailure(socket.handshake.address);
  deps.metrics.authFailures.inc({ surface });
  deps.logger.warn({ surface, address: socket.handshake.address, message }, 'socket auth failed');
}
