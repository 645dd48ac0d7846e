import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseGraphJson, replicatedVariables, type GraphDocument } from '@inflow/shared-core';
import {
  adminApi,
  createAgentToken,
  ROOT,
  startAgent,
  startControlPlane,
  waitFor,
  type StackProcess,
} from '../../scripts/local-stack.js';
import { SyncTrafficModel } from './sync-traffic-model.js';
import { WireMeter } from './wire-meter.js';
import { WorkerProcess } from './worker-process.js';

export interface Ad {
  id: string;
  advertiser: 'Rovio' | 'Riot';
}

export interface DeploymentView {
  variables: Record<string, { value: unknown; replicas: number; agree: boolean }>;
  agents: Array<{ name: string; online: boolean; unacked: number }>;
}

export interface StackOptions {
  /** Holds the control plane's and the agents' data dirs. */
  dir: string;
  clients: number;
  /** Client agents keep their replica log in SQLite (else in memory). */
  durable: boolean;
  /** Clients log each chunk of updates as one commit. */
  batch: boolean;
  ads: readonly Ad[];
  /** Deploy examples/leaderboard.json too, beside the ad counter. */
  leaderboard?: boolean;
  log: (line: string) => void;
}

/** Every child process and temp dir of the run, so any exit still kills and removes them. */
const children = new Set<{ kill: (signal: NodeJS.Signals) => unknown; exitCode: number | null }>();
const dirs = new Set<string>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

/**
 * The ad counter on a real installation on loopback: the control plane process, `server-1`
 * (`inflow-agent`, trusted) and N client-worker processes, every agent connected through the
 * wire meter's proxy. Deployed and seeded with the ads and their contracts; with `leaderboard`,
 * Lasp's leaderboard is deployed beside it, so each client holds its own local `scores` too.
 */
export class RuntimeStack {
  private constructor(
    readonly url: string,
    readonly adminToken: string,
    readonly deployment: string,
    readonly controlPlane: StackProcess,
    readonly server: StackProcess,
    readonly workers: WorkerProcess[],
    readonly meter: WireMeter,
    readonly model: SyncTrafficModel,
    /** The leaderboard's deployment, when it runs beside the ad counter. */
    readonly leaderboard: string | undefined,
  ) {}

  static async start(options: StackOptions): Promise<RuntimeStack> {
    const adminToken = randomBytes(24).toString('base64url');
    dirs.add(options.dir);
    const started: Array<StackProcess | WorkerProcess> = [];
    let meter: WireMeter | undefined;
    try {
      const controlPlane = await startControlPlane({
        dataDir: join(options.dir, 'control-plane'),
        port: 0,
        adminToken,
        logLevel: 'warn',
      });
      started.push(controlPlane);
      children.add(controlPlane.child);
      const url = controlPlane.url;
      const graph = await example('ad-counter');
      const leaderboard = options.leaderboard ? await example('leaderboard') : undefined;
      // Their variables' names differ, so one model holds both deployments' replicated ones.
      const model = new SyncTrafficModel(
        new Map([
          ...replicatedVariables(graph),
          ...(leaderboard ? replicatedVariables(leaderboard) : []),
        ]),
      );
      meter = new WireMeter(Number(new URL(url).port), model);
      const proxy = await meter.start();

      const token = (name: string, role: string, trusted: boolean) =>
        createAgentToken(url, adminToken, { name, labels: { role }, trusted });
      const server = startAgent({
        url: proxy,
        token: await token('server-1', 'server', true),
        name: 'server-1',
        labels: { role: 'server' },
        trusted: true,
        dataDir: join(options.dir, 'agents', 'server-1'),
        logLevel: 'warn',
      });
      started.push(server);
      children.add(server.child);
      const workers: WorkerProcess[] = [];
      for (let i = 1; i <= options.clients; i++) {
        const name = `client-${i}`;
        const worker = new WorkerProcess({
          url: proxy,
          token: await token(name, 'client', false),
          name,
          ads: options.ads.map((a) => a.id),
          batch: options.batch,
          deployments: leaderboard ? 2 : 1,
          ...(options.durable ? { dataDir: join(options.dir, 'agents', name) } : {}),
        });
        workers.push(worker);
        started.push(worker);
        children.add(worker.child);
      }
      const api = adminApi(url, adminToken);
      const names = ['server-1', ...workers.map((w) => w.name)];
      await waitFor(
        async () => {
          const agents = await api.json<Array<{ name: string; online: boolean }>>(
            'GET',
            '/api/agents',
          );
          return names.every((n) => agents.some((a) => a.name === n && a.online)) || undefined;
        },
        `agents ${names.join(', ')} online`,
        60_000,
      );
      const deploy = async (g: GraphDocument) =>
        (await api.json<{ deploymentId: string }>('POST', '/api/deployments', g)).deploymentId;
      const deploymentId = await deploy(graph);
      const leaderboardId = leaderboard ? await deploy(leaderboard) : undefined;
      await Promise.all(workers.map((w) => w.next('ready', 60_000)));
      const stack = new RuntimeStack(
        url,
        adminToken,
        deploymentId,
        controlPlane,
        server,
        workers,
        meter,
        model,
        leaderboardId,
      );
      await stack.seed(options.ads);
      options.log(`  stack up: control plane, server-1 and ${options.clients} client(s)`);
      return stack;
    } catch (error) {
      await Promise.all(started.map((p) => p.stop().catch(() => undefined)));
      await meter?.stop();
      throw error;
    }
  }

  get api() {
    return adminApi(this.url, this.adminToken);
  }

  /** The REST view of a deployment: the ad counter's unless another is named. */
  view(deployment = this.deployment): Promise<DeploymentView> {
    return this.api.json<DeploymentView>('GET', `/api/deployments/${deployment}`);
  }

  /** The hub's count of impressions, all ads together. */
  static impressions(view: DeploymentView): number {
    const counts = (view.variables.impressions?.value ?? {}) as Record<string, number>;
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  /** The ads and their contracts, added at the hub as in the system test; waits until shown. */
  private async seed(ads: readonly Ad[]): Promise<void> {
    const ops = (variable: string, values: unknown[]) =>
      this.op(this.deployment, variable, { op: 'addAll', values });
    await ops(
      'rovioAds',
      ads.filter((a) => a.advertiser === 'Rovio'),
    );
    await ops(
      'riotAds',
      ads.filter((a) => a.advertiser === 'Riot'),
    );
    await ops(
      'contracts',
      ads.map((a) => ({ id: a.id })),
    );
    await waitFor(
      async () => {
        const view = await this.view();
        const shown = view.variables.adsWithContracts?.value;
        const agree = Object.values(view.variables).every((v) => v.agree);
        return (agree && Array.isArray(shown) && shown.length === ads.length) || undefined;
      },
      'the seeded ads shown everywhere',
      30_000,
    );
  }

  /** Applies `op` to `variable` of `deployment` through the control plane (at `agent` if named). */
  op(deployment: string, variable: string, op: unknown, agent?: string): Promise<unknown> {
    return this.api.json('POST', `/api/deployments/${deployment}/variables/${variable}/ops`, {
      op,
      ...(agent === undefined ? {} : { agent }),
    });
  }

  async dispose(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
    await this.server.stop();
    await this.controlPlane.stop();
    await this.meter.stop();
  }
}

/** One of the examples/ graphs, parsed. */
async function example(name: string): Promise<GraphDocument> {
  const parsed = parseGraphJson(await readFile(join(ROOT, `examples/${name}.json`), 'utf8'));
  if (!parsed.ok) throw new Error(`examples/${name}.json does not parse`);
  return parsed.graph;
}
