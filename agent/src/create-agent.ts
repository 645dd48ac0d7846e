import { agentHelloSchema, PROTOCOL_VERSION, type AgentHello } from '@inflow/shared-core';
import { pino, type Logger } from 'pino';
import { AgentConnection } from './agent-connection.js';
import { AgentError, AgentFatalError } from './agent-errors.js';
import { MetricsSampler } from './agent-metrics.js';
import { AgentStore } from './agent-store.js';
import { AgentSubscriptions } from './agent-subscriptions.js';
import type {
  Agent,
  AgentEvents,
  AgentOptions,
  DeploymentInfo,
  TargetOptions,
} from './agent-types.js';
import { DeploymentSet, infoOf } from './deployment-set.js';
import { FailStopLog } from './fail-stop-log.js';
import { TypedEmitter } from './typed-emitter.js';

/**
 * Starts an agent: opens its store, resumes the deployments it ran (they run offline at once)
 * and connects to the control plane, reconnecting until `stop()` or a fatal refusal.
 */
export function createAgent(options: AgentOptions): Agent {
  return new InflowAgent(options);
}

class InflowAgent implements Agent {
  readonly name: string;
  readonly instance: string;
  private readonly logger: Logger;
  private readonly store: AgentStore;
  private readonly deployments_: DeploymentSet;
  private readonly events: TypedEmitter<AgentEvents>;
  private readonly subscriptions: AgentSubscriptions;
  private readonly connection: AgentConnection;
  private readonly timers: ReturnType<typeof setInterval>[];
  private fatalError: AgentFatalError | undefined;
  private halted = false;

  constructor(options: AgentOptions) {
    this.name = options.name;
    this.logger = (options.logger ?? pino({ level: 'warn' })).child({ agent: options.name });
    this.store = AgentStore.open(options.dataDir, (error) => this.storeFailed(error));
    this.instance = this.store.instance;
    const hello = this.checkHello(options);
    this.events = new TypedEmitter((event, err) =>
      this.logger.error({ err, event }, 'an agent event listener threw'),
    );
    const log = new FailStopLog(this.store.log, (error) => this.storeFailed(error));
    this.deployments_ = new DeploymentSet(
      this.store,
      log,
      this.logger,
      {
        connection: () => (this.connection.connected ? this.connection : undefined),
        changed: () => this.subscriptions.refresh(),
        assigned: (info) => this.events.emit('assigned', info),
        unassigned: (deployment) => this.events.emit('unassigned', deployment),
        storeFailed: (error) => this.storeFailed(error),
        stoppedBecause: () => this.fatalError,
      },
      options.drainTimeoutMs,
    );
    this.subscriptions = new AgentSubscriptions(
      (variable, deployment) => this.deployments_.holder(variable, deployment),
      (variable, err) => this.logger.error({ err, variable }, 'a subscriber threw'),
    );
    this.deployments_.resume();
    this.connection = new AgentConnection({
      url: options.url,
      logger: this.logger,
      hello: () => ({ ...hello, running: this.deployments_.ids() }),
      handlers: {
        connected: () => this.events.emit('connected'),
        disconnected: (reason) => {
          this.deployments_.disconnect();
          this.events.emit('disconnected', reason);
        },
        fatal: (error) => this.halt(error),
        assign: (raw, reply) => this.deployments_.assign(raw, reply),
        unassign: (raw) => this.deployments_.unassign(raw),
        apply: (raw, reply) => this.deployments_.apply(raw, reply),
        sync: (event, raw) => this.deployments_.sync(event, raw),
        refused: (raw) => this.deployments_.refused(raw),
      },
    });
    const sampler = new MetricsSampler();
    this.timers = [
      setInterval(() => this.deployments_.flush(), options.syncIntervalMs ?? 50),
      setInterval(() => {
        if (!this.connection.connected) return;
        const now = Date.now();
        for (const runner of this.deployments_.all()) {
          this.connection.metrics(sampler.sample(runner, now));
        }
      }, options.metricsIntervalMs ?? 1000),
      setInterval(() => {
        if (this.connection.connected) this.deployments_.antiEntropy();
      }, options.antiEntropyIntervalMs ?? 30_000),
    ];
    this.connection.start();
  }

  get connected(): boolean {
    return !this.halted && this.connection.connected;
  }

  get stopped(): boolean {
    return this.halted;
  }

  update(variable: string, op: { op: string }, options: TargetOptions = {}): void {
    this.updateAll(variable, [op], options);
  }

  updateAll(
    variable: string,
    ops: ReadonlyArray<{ op: string }>,
    options: TargetOptions = {},
  ): void {
    this.assertRunning();
    const runner = this.deployments_.resolve(variable, options.deployment);
    try {
      runner.updateAll(variable, ops);
    } catch (error) {
      // A failed log write has stopped the agent: say so rather than pass on SQLite's error.
      throw this.fatalError ?? error;
    }
  }

  query(variable: string, options: TargetOptions = {}): unknown {
    this.assertRunning();
    return this.deployments_.resolve(variable, options.deployment).query(variable);
  }

  subscribe(
    variable: string,
    fn: (value: unknown) => void,
    options: TargetOptions = {},
  ): () => void {
    this.assertRunning();
    const holders = this.deployments_.all().filter((r) => r.holds(variable));
    if (options.deployment === undefined && holders.length > 1) {
      this.deployments_.resolve(variable); // throws the ambiguity, naming the deployments
    }
    return this.subscriptions.add(variable, fn, options.deployment);
  }

  deployments(): DeploymentInfo[] {
    return this.deployments_.all().map(infoOf);
  }

  on<K extends keyof AgentEvents>(event: K, fn: AgentEvents[K]): () => void {
    return this.events.on(event, fn);
  }

  async stop(): Promise<void> {
    if (this.halted) return;
    // Whatever is queued goes out now; what the hub did not acknowledge is resent next time.
    this.deployments_.flush();
    this.shutDown();
    this.logger.info('agent stopped');
  }

  private checkHello(options: AgentOptions): AgentHello {
    const hello = agentHelloSchema.safeParse({
      token: options.token,
      name: options.name,
      labels: options.labels ?? {},
      protocol: PROTOCOL_VERSION,
      instance: this.instance,
      trusted: options.trusted ?? false,
      ...(options.capacity === undefined ? {} : { capacity: options.capacity }),
      running: [],
    });
    const problems = hello.success
      ? []
      : hello.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    if (!isHttpUrl(options.url)) problems.push(`url: ${options.url} is not an http(s) URL`);
    if (hello.success && problems.length === 0) return hello.data;
    this.store.close();
    throw new Error(`invalid agent options: ${problems.join('; ')}`);
  }

  private assertRunning(): void {
    if (this.halted) {
      throw this.fatalError ?? new AgentError('stopped', `agent ${this.name} has stopped`);
    }
  }

  private storeFailed(error: Error): void {
    const message = `the agent's store failed: ${error.message}`;
    this.halt(new AgentFatalError('store-failed', message, { cause: error }));
  }

  /** Stops for good; listeners hear of it once the call that failed has unwound. */
  private halt(error: AgentFatalError): void {
    if (this.halted) return;
    this.fatalError = error;
    this.logger.fatal({ reason: error.reason }, error.message);
    this.shutDown();
    queueMicrotask(() => this.events.emit('fatal', error));
  }

  private shutDown(): void {
    this.halted = true;
    for (const timer of this.timers) clearInterval(timer);
    this.connection.close();
    this.deployments_.close();
    this.subscriptions.clear();
    this.store.close();
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
