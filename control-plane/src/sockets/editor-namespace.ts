import type { EditorToServerEvents, ServerToEditorEvents } from '@inflow/shared-core';
import type { Namespace, Socket } from 'socket.io';
import type { Deps } from '../deps.js';
import { bearerToken } from '../domain/auth.js';
import { deploymentView, snapshotOf } from '../hub/deployment-view.js';
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
 * `/editor`: sockets of editors, admitted with the admin token. `watch` answers with the
 * deployment's snapshot and joins its room, where the live feed publishes throttled snapshots;
 * hub events (deploys, agents coming and going, effects, errors) go to every editor, and each
 * editor that connects (or reconnects) is first sent the most recent ones as its `history`.
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

  const room = (deployment: string) => `deployment:${deployment}`;
  const render = (deployment: string) => {
    const live = deps.hub.running(deployment);
    return live && snapshotOf(deploymentView(deps.hub, live, 'running'));
  };
  deps.feed.attach({
    render,
    publish: (deployment, snapshot) => nsp.to(room(deployment)).emit('snapshot', snapshot),
    broadcast: (event) => nsp.emit('event', event),
  });

  nsp.on('connection', (socket: EditorSocket) => {
    // The socket joined the namespace in this same turn: no event falls between its history and
    // the broadcasts that follow, and none is in both.
    socket.emit('history', deps.feed.history());
    socket.on('watch', (...args: unknown[]) => {
      // Payloads come from the network: check them whatever the event map says. socket.io puts
      // the ack last, after however many arguments the client sent (none, or too many).
      const reply = args.at(-1);
      if (typeof reply !== 'function') return;
      const answer = reply as Parameters<EditorToServerEvents['watch']>[1];
      const deployment = args.length > 1 ? args[0] : undefined;
      if (typeof deployment !== 'string' || deployment === '') {
        answer({ ok: false, error: 'watch needs a deployment id (a non-empty string)' });
        return;
      }
      const snapshot = render(deployment);
      if (!snapshot) {
        answer({ ok: false, error: `no running deployment with id "${deployment.slice(0, 128)}"` });
        return;
      }
      void socket.join(room(deployment));
      answer({ ok: true, value: snapshot });
    });
    socket.on('unwatch', (deployment: unknown) => {
      if (typeof deployment === 'string') void socket.leave(room(deployment));
    });
  });
}
