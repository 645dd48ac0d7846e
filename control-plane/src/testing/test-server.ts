import { afterAll, afterEach, beforeAll } from 'vitest';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION } from '@inflow/shared-core';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { start, type RunningServer, type StartOptions } from '../server.js';

/** A control plane on 127.0.0.1, a free port and a fresh data dir, with helpers to call it. */
export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  adminToken: string;
  /** fetch with the admin token, unless `headers.authorization` is given. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** POST/PUT/... a JSON body with the admin token. */
  send(method: string, path: string, body: unknown): Promise<Response>;
  /** Stops the server and starts a new one on the same data dir (same options otherwise). */
  restart(): Promise<TestServer>;
  /** Stops the server and removes the data dir. */
  dispose(): Promise<void>;
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

type Options = Partial<Omit<StartOptions, 'dataDir'>> & { dataDir?: string };

/** `knownToken`: the admin token of an earlier start on the same data dir, for the helpers. */
export async function startTestServer(
  options: Options = {},
  knownToken?: string,
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'inflow-cp-')));
  const server = await start({
    port: 0,
    logger: pino({ level: 'silent' }),
    ...options,
    dataDir,
  });
  const adminToken = server.adminToken ?? options.adminToken ?? knownToken ?? ADMIN_TOKEN;
  const api = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${adminToken}`);
    return fetch(`${server.url}${path}`, { ...init, headers });
  };
  const self: TestServer = {
    server,
    url: server.url,
    dataDir,
    adminToken,
    api,
    send: (method, path, body) =>
      api(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    restart: async () => {
      await server.stop();
      return startTestServer({ ...options, dataDir }, adminToken);
    },
    dispose: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}

/** Options for a test server whose admin token the test knows in advance. */
export const withAdminToken: Options = { adminToken: ADMIN_TOKEN };

export async function readExample(name: string): Promise<unknown> {
  const file = new URL(`../../../examples/${name}`, import.meta.url);
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/** Deploys an example file (`POST /api/deployments`, a new graph); its deployment id. */
export async function deployExample(server: TestServer, name: string): Promise<string> {
  const res = await server.send('POST', '/api/deployments', await readExample(name));
  if (res.status !== 202) throw new Error(`deploying ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { deploymentId: string }).deploymentId;
}

/**
 * One server for a test file, started before its tests, and every socket opened through `open`
 * closed after each test.
 */
export function serverWithSockets(options: Options = withAdminToken): {
  readonly server: TestServer;
  open(namespace: '/agent' | '/editor' | '/', auth: Record<string, unknown>, url?: string): Socket;
} {
  let server: TestServer | undefined;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startTestServer(options);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => server?.dispose());
  const suite = {
    get server(): TestServer {
      if (!server) throw new Error('the test server is not started yet');
      return server;
    },
    open(
      namespace: '/agent' | '/editor' | '/',
      auth: Record<string, unknown>,
      url?: string,
    ): Socket {
      const socket = testSocket(url ?? suite.server.url, namespace, auth);
      sockets.push(socket);
      return socket;
    },
  };
  return suite;
}

/** A socket.io client as an agent or editor would open it, not yet connected. */
export function testSocket(
  url: string,
  namespace: '/agent' | '/editor' | '/',
  auth: Record<string, unknown>,
): Socket {
  return connect(`${url}${namespace}`, {
    auth,
    parser: msgpackParser,
    transports: ['websocket'],
    reconnection: false,
    autoConnect: false,
  });
}

export const agentHello = (token: string, name: string, labels: Record<string, string> = {}) => ({
  token,
  name,
  labels,
  protocol: PROTOCOL_VERSION,
  instance: 'test',
});

/** Resolves on `connect`, rejects with the `connect_error` (its message and data). */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
    socket.connect();
  });
}

export function refused(socket: Socket): Promise<Error & { data?: unknown }> {
  return connected(socket).then(
    () => {
      socket.disconnect();
      throw new Error('expected the connection to be refused');
    },
    (err: Error & { data?: unknown }) => err,
  );
}

/** Fails a test quickly, with a message, instead of letting it hang until the suite timeout. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
