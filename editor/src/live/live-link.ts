import type {
  DeploymentSnapshot,
  EditorToServerEvents,
  HubEventMessage,
  ServerToEditorEvents,
} from '@inflow/shared-core';
import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';

/** What the live store needs of the `/editor` socket: watching one deployment at a time. */
export interface LiveLink {
  /** Joins the deployment's room; resolves with its snapshot, rejects with the server's reason. */
  watch(deployment: string): Promise<DeploymentSnapshot>;
  unwatch(deployment: string): void;
}

export type LinkState = 'connecting' | 'online' | 'offline' | 'refused';

export interface LinkHandlers {
  snapshot(snapshot: DeploymentSnapshot): void;
  event(event: HubEventMessage): void;
  /** The recent events, oldest first: sent on each connection, after `connected`. */
  history(events: HubEventMessage[]): void;
  /** Connected, or connected again: whatever was watched must be watched again. */
  connected(link: LiveLink): void;
  state(state: LinkState, message?: string): void;
}

const WATCH_TIMEOUT_MS = 10_000;

/** How many seconds a refused handshake says to wait (a 429's `retryAfter`), if it says. */
export function retryAfterOf(error: Error): number | undefined {
  const data = (error as Error & { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return undefined;
  const { status, retryAfter } = data as { status?: unknown; retryAfter?: unknown };
  return status === 429 && typeof retryAfter === 'number' && retryAfter >= 0
    ? retryAfter
    : undefined;
}

/**
 * The editor's socket.io connection to the control plane's `/editor` namespace, with the admin
 * token and the msgpack parser the server uses. socket.io reconnects by itself; each time it
 * does, `connected` lets the store watch its deployment again (rooms do not survive a reconnect).
 */
export function connectLive(
  token: string,
  handlers: LinkHandlers,
  baseUrl = '',
): { link: LiveLink; close(): void } {
  const socket: Socket<ServerToEditorEvents, EditorToServerEvents> = io(`${baseUrl}/editor`, {
    auth: { token },
    parser: msgpackParser,
  });
  const link: LiveLink = {
    watch: (deployment) =>
      new Promise((resolve, reject) => {
        socket.timeout(WATCH_TIMEOUT_MS).emit('watch', deployment, (err, result) => {
          if (err) reject(new Error(`the control plane did not answer the watch: ${err.message}`));
          else if (result.ok) resolve(result.value);
          else reject(new Error(result.error));
        });
      }),
    unwatch: (deployment) => {
      if (socket.connected) socket.emit('unwatch', deployment);
    },
  };
  handlers.state('connecting');
  socket.on('connect', () => {
    handlers.state('online');
    handlers.connected(link);
  });
  socket.on('disconnect', (reason) => handlers.state('offline', reason));
  let retry: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect_error', (e) => {
    if (socket.active) return handlers.state('offline', e.message);
    // A refused handshake stays refused (socket.io does not retry it): a wrong token for good,
    // but a lockout after too many failed sign-ins only until it ends, when we try once more.
    const wait = retryAfterOf(e);
    if (wait === undefined) return handlers.state('refused', e.message);
    handlers.state('refused', `${e.message}; the editor tries again then`);
    clearTimeout(retry);
    retry = setTimeout(() => socket.connect(), (wait + 1) * 1000);
  });
  socket.on('snapshot', (s) => handlers.snapshot(s));
  socket.on('event', (e) => handlers.event(e));
  socket.on('history', (events) => handlers.history(events));
  return {
    link,
    close: () => {
      clearTimeout(retry);
      socket.disconnect();
    },
  };
}
