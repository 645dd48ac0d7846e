import type { Socket } from 'socket.io-client';
import {
  startTestServer,
  testSocket,
  withAdminToken,
  type TestServer,
} from '../../testing/test-server.js';
import type { SocketSuite } from './runtime-agent.js';

/** A SocketSuite over a server of one test's own, which the test may restart on the same data. */
export interface RestartableSuite extends SocketSuite {
  /** Stops the server and starts a new one on its data dir (at a new URL). */
  restart(): Promise<TestServer>;
  /** Closes every socket opened through it and stops the server for good. */
  dispose(): Promise<void>;
}

export async function restartableSuite(): Promise<RestartableSuite> {
  let server = await startTestServer(withAdminToken);
  const sockets: Socket[] = [];
  return {
    get server() {
      return server;
    },
    open: (namespace, auth, url) => {
      const socket = testSocket(url ?? server.url, namespace, auth);
      sockets.push(socket);
      return socket;
    },
    restart: async () => (server = await server.restart()),
    dispose: async () => {
      for (const socket of sockets.splice(0)) socket.disconnect();
      await server.dispose();
    },
  };
}
