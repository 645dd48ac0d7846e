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
  socket.on('connect_error', (e) => {
    // A refused handshake (a wrong token, too many failures) will not heal by retrying.
    handlers.state(socket.active ? 'offline' : 'refused', e.message);
  });
  socket.on('snapshot', (s) => handlers.snapshot(s));
  socket.on('event', (e) => handlers.event(e));
  socket.on('history', (events) => handlers.history(events));
  return { link, close: () => void socket.disconnect() };
}
