import { MAX_DELTA_MESSAGE_BYTES } from '@inflow/shared-core';
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import * as msgpackParser from 'socket.io-msgpack-parser';
import type { Deps } from '../deps.js';
import { originAllowed } from '../origins.js';
import { attachAgentNamespace, type AgentNamespace } from './agent-namespace.js';
import { attachEditorNamespace, type EditorNamespace } from './editor-namespace.js';
import { refuseReservedEvents } from './socket-errors.js';

/**
 * socket.io on the HTTP server's port: msgpack on the wire (binary deltas stay binary), the REST
 * body limit as the message limit but never below what an agent's replication message may be
 * (a lower one would close every agent that sends a full one, again on each reconnect),
 * cross-site browsers refused unless allow-listed. Only the `/editor` and `/agent` namespaces
 * admit anyone.
 */
/** A replication message, with room for its names, seq and msgpack framing. */
const SOCKET_MESSAGE_FLOOR_BYTES = MAX_DELTA_MESSAGE_BYTES + 64 * 1024;

export function createSocketServer(httpServer: HttpServer, deps: Deps) {
  const io = new Server(httpServer, {
    parser: msgpackParser,
    maxHttpBufferSize: Math.max(deps.bodyLimitBytes, SOCKET_MESSAGE_FLOOR_BYTES),
    serveClient: false,
    cors: { origin: [...deps.corsOrigins] },
    allowRequest: (req, callback) =>
      callback(null, originAllowed(req.headers.origin, req.headers.host, deps.corsOrigins)),
  });
  io.use((_socket, next) => next(new Error('connect to the /editor or the /agent namespace')));
  // Before the namespaces' own handlers, so that no event of a connection escapes the guard.
  for (const nsp of ['/editor', '/agent']) {
    io.of(nsp).on('connection', (socket) => refuseReservedEvents(socket, deps));
  }
  // The namespaces carry their own event maps, narrower than the server's default ones.
  attachEditorNamespace(io.of('/editor') as EditorNamespace, deps);
  const agents = attachAgentNamespace(io.of('/agent') as AgentNamespace, deps);
  return { io, drain: agents.drain };
}
