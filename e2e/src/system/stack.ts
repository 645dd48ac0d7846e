import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgent, type Agent } from '@inflow/agent';
import type { GraphDocument } from '@inflow/shared-core';
import { pino } from 'pino';
import {
  adminApi,
  createAgentToken,
  ROOT,
  startAgent,
  startControlPlane,
  waitFor,
  type StackProcess,
} from '../../../scripts/local-stack.js';

export { waitFor };

export interface AgentSpec {
  name: string;
  labels: Record<string, string>;
  trusted?: boolean;
}

export const CLIENT = { role: 'client' };
export const SERVER = { role: 'server' };

export interface DeploymentView {
  id: string;
  graphId: string;
  /** The deployment it replaced, and the one that replaced it. */
  replaces?: string;
  replacedBy?: string;
  status: string;
  version: number;
  placement: { nodes: Record<string, string[]>; variables: Record<string, string[]> };
  variables: Record<string, { value: unknown; replicas: number; inSync: number; agree: boolean }>;
  /** Each local (dynamic) variable's copies, as each online agent last reported its own. */
  local: Record<string, { agents: string[]; values: Record<string, { value?: unknown }> }>;
  agents: Array<{ name: string; online: boolean; nodes: string[] }>;
  effects: Array<{ node: string; key: string; holder: string; status: string; grants: number }>;
}

/** The deployments an embedded agent runs now. */
export const runsOn = (agent: Agent): string[] => agent.deployments().map((d) => d.deployment);

/** A free loopback port, so a restarted control plane can come back on the same one. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** What a deploy in place of a running deployment kept (see DeployAnswer). */
export interface RedeployAnswer {
  deploymentId: string;
  carried: string[];
  reset: unknown[];
  carriedLocal: Array<{ variable: string; keptBy: string[]; emptyOn: string[] }>;
  resetLocal: unknown[];
}

/**
 * A real Inflow installation for one test file: the control plane and `inflow-agent` processes
 * on loopback, each with its own data dir under a temp dir, plus agents embedded in the test
 * process through the library, as a game client embeds one.
 */
export class Stack {
  readonly adminToken = randomBytes(24).toString('base64url');
  private controlPlane: (StackProcess & { url: string }) | undefined;
  readonly processes = new Map<string, StackProcess>();
  private readonly embedded: Agent[] = [];
  private readonly tokens = new Map<string, string>();

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly graceMs: number,
  ) {}

  static async start(options: { graceMs?: number } = {}): Promise<Stack> {
    const dir = await mkdtemp(join(tmpdir(), 'inflow-system-'));
    const stack = new Stack(dir, await freePort(), options.graceMs ?? 60_000);
    await stack.startControlPlane();
    return stack;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get api() {
    return adminApi(this.url, this.adminToken);
  }

  async startControlPlane(): Promise<void> {
    this.controlPlane = await startControlPlane({
      dataDir: join(this.dir, 'control-plane'),
      port: this.port,
      adminToken: this.adminToken,
      graceMs: this.graceMs,
      logLevel: 'warn',
    });
  }

  /** kill -9 the control plane. */
  async crashControlPlane(): Promise<void> {
    await this.controlPlane?.kill();
  }

  async token(spec: AgentSpec): Promise<string> {
    let token = this.tokens.get(spec.name);
    if (!token) {
      token = await createAgentToken(this.url, this.adminToken, {
        name: spec.name,
        labels: spec.labels,
        trusted: spec.trusted ?? false,
      });
      this.tokens.set(spec.name, token);
    }
    return token;
  }

  /** Starts `inflow-agent` for `spec` on its own data dir (the same one on every restart). */
  async startProcess(spec: AgentSpec, token?: string): Promise<StackProcess> {
    const child = startAgent({
      url: this.url,
      token: token ?? (await this.token(spec)),
      name: spec.name,
      labels: spec.labels,
      trusted: spec.trusted ?? false,
      dataDir: join(this.dir, 'agents', spec.name),
      logLevel: 'info',
      logFile: this.logFile(spec.name),
    });
    this.processes.set(spec.name, child);
    return child;
  }

  /** Where a process's whole output goes (its `output()` keeps only the tail), across restarts. */
  logFile(name: string): string {
    return join(this.dir, 'logs', `${name}.log`);
  }

  /** An agent in this process, through the library; `url` lets it go through a proxy. */
  async embed(spec: AgentSpec, url = this.url): Promise<Agent> {
    const agent = createAgent({
      url,
      token: await this.token(spec),
      name: spec.name,
      labels: spec.labels,
      trusted: spec.trusted ?? false,
      dataDir: join(this.dir, 'agents', spec.name),
      logger: pino({ level: 'silent' }),
    });
    this.embedded.push(agent);
    return agent;
  }

  /** Each agent the hub knows, and whether it is connected now. */
  async agents(): Promise<Array<{ name: string; online: boolean }>> {
    return this.api.json('GET', '/api/agents');
  }

  async online(names: readonly string[]): Promise<void> {
    await waitFor(
      async () => {
        const agents = await this.agents();
        return names.every((n) => agents.some((a) => a.name === n && a.online)) || undefined;
      },
      `agents ${names.join(', ')} online`,
    );
  }

  /** Waits until the hub has seen `name` go. */
  async offline(name: string): Promise<void> {
    await waitFor(async () => {
      const agents = await this.agents();
      return agents.some((a) => a.name === name && !a.online) || undefined;
    }, `the hub to see ${name} go`);
  }

  async deployExample(name: string): Promise<string> {
    return (await this.deploy(await example(name))).deploymentId;
  }

  /** Stores `graph` as a new graph and deploys its rev 1. */
  deploy(graph: unknown): Promise<{ deploymentId: string; graphId: string }> {
    return this.api.json('POST', '/api/deployments', graph);
  }

  /**
   * Saves `graph` over rev `basedOn` of graph `graphId` and deploys the new revision in place of
   * deployment `replaces`, as the editor's Deploy does.
   */
  async redeploy(
    graphId: string,
    basedOn: number,
    graph: unknown,
    replaces: string,
  ): Promise<RedeployAnswer & { rev: number }> {
    const path = `/api/graphs/${graphId}`;
    const { rev } = await this.api.json<{ rev: number }>('PUT', path, { rev: basedOn, graph });
    const answer = await this.api.json<RedeployAnswer>('POST', `${path}/deploy`, {
      rev,
      replaces,
    });
    return { ...answer, rev };
  }

  view(deployment: string): Promise<DeploymentView> {
    return this.api.json<DeploymentView>('GET', `/api/deployments/${deployment}`);
  }

  ops(deployment: string, variable: string, body: unknown): Promise<Response> {
    return this.api.call('POST', `/api/deployments/${deployment}/variables/${variable}/ops`, body);
  }

  /** Waits until every replicated variable's replicas agree and `check` holds of the view. */
  async converged(
    deployment: string,
    check: (view: DeploymentView) => boolean,
    what: string,
    timeoutMs = 30_000,
  ): Promise<DeploymentView> {
    return waitFor(
      async () => {
        const view = await this.view(deployment).catch(() => undefined);
        if (!view) return undefined;
        const agree = Object.values(view.variables).every((v) => v.agree);
        return agree && check(view) ? view : undefined;
      },
      what,
      timeoutMs,
    );
  }

  async dispose(): Promise<void> {
    await Promise.all(this.embedded.map((a) => a.stop().catch(() => undefined)));
    await Promise.all([...this.processes.values()].map((p) => p.stop()));
    await this.controlPlane?.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A graph document from `examples/`. */
export async function example(name: string): Promise<GraphDocument> {
  return JSON.parse(await readFile(join(ROOT, 'examples', name), 'utf8')) as GraphDocument;
}

/** An impression of `ad`, as a game client records it. */
export const impression = (ad: string) => ({
  op: 'apply',
  key: ad,
  inner: { op: 'increment' },
});
