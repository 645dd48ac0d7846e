import type { EditorToServerEvents, ServerToEditorEvents } from '@inflow/shared-core';
import type { Namespace, Socket } from 'socket.io';
import type { Deps } from '../deps.js';
import { bearerToken } from '../domain/auth.js';
import { guardedMiddleware, recordAuthFailure, refusal } from './socket-errors.js';

type NoEvents = Record<never, never>;
export type EditorNamespace = Namespace<
  EditorToServerEvents,
  ServerToEditorEvents,
  NoEvents,
  NoEvents
>;
type EditorSocket = Socket<EditorToServerEvents, ServerToEditorEvents, NoEvents, NoEvents>;

/** The admin token from `auth: {token}`, or from an Authorization header (Node clients). */
function presentedToken(socket: EditorSocket): string | undefined {
  const auth: unknown = socket.handshake.auth;
  if (typeof auth === 'object' && auth !== null && 'token' in auth) {
    return typeof auth.token === 'string' ? auth.token : undefined;
  }
  return bearerToken(socket.handshake.headers.authorization);
}

/**
 * `/editor`: sockets of editors, admitted with the admin token. Watching deployments needs the
 * hub; until then every `watch` is answered with a specific "no such deployment".
 */
export function attachEditorNamespace(nsp: EditorNamespace, deps: Deps): void {
  nsp.use(
    guardedMiddleware(deps, 'editor', async (socket: EditorSocket) => {
      if (deps.admin.verify(presentedToken(socket))) return undefined;
      const message = 'the editor socket needs the admin token in auth.token';
      await recordAuthFailure(deps, 'editor', socket, message);
      return refusal(message, { status: 401 });
    }),
  );

  nsp.on('connection', (socket: EditorSocket) => {
    socket.on('watch', (deployment: unknown, reply: unknown) => {
      // Payloads come from the network: check them whatever the event map says.
      if (typeof reply !== 'function') return;
      const answer = reply as Parameters<EditorToServerEvents['watch']>[1];
      if (typeof deployment !== 'string' || deployment === '') {
        answer({ ok: false, error: 'watch needs a deployment id (a non-empty string)' });
        return;
      }
      answer({ ok: false, error: `no deployment with id "${deployment.slice(0, 128)}"` });
    });
    socket.on('unwatch', () => {});
  });
}
