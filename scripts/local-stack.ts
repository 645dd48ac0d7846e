import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Real processes of an Inflow installation on this machine: the control plane and agents as
// children, each from its TypeScript source through tsx. `npm start` and the system tests both
// use it.

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONTROL_PLANE = join(ROOT, 'control-plane/src/main.ts');
const AGENT_CLI = join(ROOT, 'agent/src/cli.ts');

export interface StackProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
  /** Everything it wrote to stdout and stderr so far (also in its log file, if any). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it is gone. */
  stop(graceMs?: number): Promise<number | string>;
  /** SIGKILL at once: a crash. */
  kill(): Promise<number | string>;
}

function run(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  logFile?: string,
): StackProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const log = logFile ? openLog(logFile) : undefined;
  const capture = (chunk: Buffer) => {
    // Bounded: a long run keeps the tail, which is what a failing test needs to show.
    text = (text + chunk.toString('utf8')).slice(-200_000);
    log?.write(chunk);
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      log?.end();
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    name,
    child,
    exited,
    output: () => text,
    stop: async (graceMs = 10_000) => {
      if (!gone()) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    kill: async () => {
      if (!gone()) child.kill('SIGKILL');
      return exited;
    },
  };
}

function openLog(file: string) {
  mkdirSync(dirname(file), { recursive: true });
  return createWriteStream(file, { flags: 'a' });
}

export interface ControlPlaneOptions {
  dataDir: string;
  /** 0 picks a free port; the URL is read from what the control plane prints. */
  port: number;
  adminToken: string;
  graceMs?: number;
  logLevel?: string;
  logFile?: string;
}

/** Starts the control plane and resolves once it answers /healthz. */
export async function startControlPlane(
  options: ControlPlaneOptions,
): Promise<StackProcess & { url: string }> {
  const process = run(
    'control-plane',
    CONTROL_PLANE,
    [],
    {
      PORT: String(options.port),
      INFLOW_DATA_DIR: options.dataDir,
      INFLOW_ADMIN_TOKEN: options.adminToken,
      INFLOW_LOG_LEVEL: options.logLevel ?? 'info',
      ...(options.graceMs === undefined ? {} : { INFLOW_GRACE_MS: String(options.graceMs) }),
    },
    options.logFile,
  );
  const url = await waitFor(
    async () => {
      const match = /Inflow control plane on (http:\/\/\S+)/.exec(process.output());
      if (!match?.[1]) return undefined;
      const health = await fetch(`${match[1]}/healthz`).catch(() => undefined);
      return health?.ok ? match[1] : undefined;
    },
    'the control plane to answer /healthz',
    30_000,
    process,
  );
  return Object.assign(process, { url });
}

export interface AgentOptions {
  url: string;
  token: string;
  name: string;
  labels: Record<string, string>;
  trusted?: boolean;
  dataDir?: string;
  logLevel?: string;
  logFile?: string;
}

/** Starts `inflow-agent` with the CLI flags a user would type. */
export function startAgent(options: AgentOptions): StackProcess {
  const labels = Object.entries(options.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  // The token goes in the environment, not the command line, where `ps` would show it.
  const args = ['--url', options.url, '--name', options.name];
  if (labels !== '') args.push('--labels', labels);
  if (options.trusted) args.push('--trusted');
  if (options.dataDir) args.push('--data', options.dataDir);
  if (options.logLevel) args.push('--log-level', options.logLevel);
  return run(options.name, AGENT_CLI, args, { INFLOW_AGENT_TOKEN: options.token }, options.logFile);
}

/** A client of the REST API with the admin token. */
export function adminApi(url: string, adminToken: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await call(method, path, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
  return { call, json };
}

/** Creates an agent token for `name`, replacing one of that name the caller no longer has. */
export async function createAgentToken(
  url: string,
  adminToken: string,
  agent: { name: string; labels: Record<string, string>; trusted: boolean },
): Promise<string> {
  const api = adminApi(url, adminToken);
  const tokens = await api.json<Array<{ id: string; name: string | null }>>(
    'GET',
    '/api/agent-tokens',
  );
  for (const t of tokens.filter((t) => t.name === agent.name)) {
    await api.json('DELETE', `/api/agent-tokens/${t.id}`);
  }
  const created = await api.json<{ token: string }>('POST', '/api/agent-tokens', agent);
  return created.token;
}

/** Polls until `check` returns a value; fails with `what` (and the process's output) on timeout. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 20_000,
  process?: StackProcess,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (process && (process.child.exitCode !== null || process.child.signalCode !== null)) {
      throw new Error(`${process.name} exited while waiting for ${what}:\n${process.output()}`);
    }
    if (Date.now() > deadline) {
      const tail = process ? `\n${process.name} said:\n${process.output().slice(-4000)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${tail}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
