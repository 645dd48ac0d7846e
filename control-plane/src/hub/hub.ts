import {
  DISCONNECT_REASONS,
  EffectLedger,
  placeGraph,
  rebaseSinkLines,
  type AgentMetrics,
  type DeltaMessage,
  type DisconnectReason,
  type EffectClaim,
  type GraphDocument,
  type PlacementAgent,
  type SyncEvent,
  type SyncMessages,
  type SyncResult,
} from '@inflow/shared-core';
import type { Logger } from 'pino';
import type { DeploymentRecord, Store } from '../data/store.js';
import type { Metrics } from '../metrics.js';
import { placementAgent, type AgentPort } from './agent-port.js';
import { AwayAgents } from './away-agents.js';
import { carryOver, deployMessage, type Started } from './carry-over.js';
import { ConvergenceLag, unackedDeltas } from './convergence-lag.js';
import { receiveRunning } from './former-hosts.js';
import { issueMessage, type HubEvent } from './hub-event.js';
import { LateCarry } from './late-carry.js';
import { LiveDeployment, roomName } from './live-deployment.js';
import { placedAgainMessage, rePlace, type RePlaced, type RePlacing } from './re-placement.js';
import { SharesSent } from './shares-sent.js';
import { storedFormerHosts } from './stored-former-hosts.js';
import { storedGraph } from './stored-graph.js';
import { storedPlan } from './stored-plan.js';

export interface HubOptions {
  store: Store;
  logger: Logger;
  metrics: Metrics;
  /** How long an agent may stay away before its work is placed on the others. */
  graceMs: number;
  onEvent?: (event: HubEvent) => void;
  /** Something a deployment's live view shows changed (state, agents, placement). */
  onChange?: (deployment: string) => void;
}

/** Emits a delta to a socket.io room, leaving out one socket (the sender's). */
export type Broadcaster = (
  room: string,
  exceptSocket: string | undefined,
  message: DeltaMessage,
) => void;

/** Why `start` wrote nothing: the deployment it replaces stopped, or another of the graph runs. */
export type StartRefused =
  { refused: 'replaced-stopped' } | { refused: 'graph-running'; running: string };

/** The replica id the hub applies REST operations under. */
export const HUB_REPLICA = 'hub';

/**
 * The control plane's runtime half: the running deployments with their HubRooms, the agents
 * connected now and those within their grace period, the effect ledger. Changes of placement
 * (deploy, stop, an agent joining or leaving for good) run one at a time; replication messages
 * go straight to the rooms.
 */
export class Hub {
  readonly ledger: EffectLedger;
  private readonly live = new Map<string, LiveDeployment>();
  private readonly online = new Map<string, AgentPort>();
  private readonly away: AwayAgents;
  /** What each agent sent last per deployment, by agent name. */
  private readonly reports = new Map<string, Map<string, AgentMetrics>>();
  private readonly sent: SharesSent;
  private readonly placing: RePlacing;
  private queue: Promise<unknown> = Promise.resolve();
  private broadcaster: Broadcaster | undefined;
  private readonly lag = new ConvergenceLag();
  private readonly lagTimer: NodeJS.Timeout;
  private readonly late: LateCarry;

  constructor(private readonly options: HubOptions) {
    this.ledger = new EffectLedger(options.store.effects);
    this.late = new LateCarry(options, this);
    this.away = new AwayAgents(options.graceMs, (name) => void this.graceExpired(name));
    const changed = (deployment: string) => options.onChange?.(deployment);
    const event = (e: Omit<HubEvent, 'at'>) => this.event(e);
    this.sent = new SharesSent({ late: this.late, event, changed });
    this.placing = {
      store: options.store,
      presentAgents: () => this.presentAgents(),
      sendShares: (live) => this.sendShares(live),
      event,
      changed,
    };
    this.lagTimer = setInterval(() => this.measureLag(), 1000);
    this.lagTimer.unref();
  }

  /** Reopens the deployments that were running; their agents get a grace period to come back. */
  async restore(): Promise<void> {
    const { store } = this.options;
    const agents = new Map((await store.listAgents()).map((a) => [a.name, a]));
    const records = await store.listDeployments();
    for (const record of records) {
      if (record.status !== 'running') continue;
      const live = await this.open(record);
      for (const name of live.agents()) {
        const a = agents.get(name);
        if (a) this.away.mark(a.id, { name, labels: a.labels, trusted: a.trusted });
      }
    }
    await this.late.restore(records, (record) => storedGraph(store, record));
  }

  /**
   * Opens a deployment's room from the store (also for reading a stopped one); `graph` is its
   * already validated graph when the caller has it, else it is read back and validated.
   */
  async open(record: DeploymentRecord, graph?: GraphDocument): Promise<LiveDeployment> {
    const doc = graph ?? (await storedGraph(this.options.store, record));
    const { id, graphId, rev, createdAt, replaces, replacedBy } = record;
    const live = new LiveDeployment(
      { id, graphId, rev, createdAt, replaces, replacedBy },
      doc,
      storedPlan(record.placement),
      record.version,
      this.options.store.hub,
      () => this.options.onChange?.(record.id),
      (variable, except, message) => {
        const socket = except === undefined ? undefined : this.online.get(except)?.socketId;
        this.broadcaster?.(roomName(record.id, variable), socket, message);
      },
      storedFormerHosts(record.formerHosts, record.id),
    );
    if (record.status === 'running') this.live.set(record.id, live);
    return live;
  }

  /** How room broadcasts reach agents: the agent namespace's rooms. */
  useBroadcast(broadcaster: Broadcaster): void {
    this.broadcaster = broadcaster;
  }

  running(id: string): LiveDeployment | undefined {
    return this.live.get(id);
  }

  /**
   * The agents placement may use now: those online, and those away but within their grace, which
   * keep what they run but get nothing new.
   */
  presentAgents(): PlacementAgent[] {
    return [...[...this.online.values()].map(placementAgent), ...this.away.agents()];
  }

  isOnline(name: string): boolean {
    return this.online.has(name);
  }

  port(name: string): AgentPort | undefined {
    return this.online.get(name);
  }

  report(agent: string, deployment: string): AgentMetrics | undefined {
    return this.reports.get(agent)?.get(deployment);
  }

  /** The running deployments that give `agent` a share. */
  assignedTo(agent: string): string[] {
    return [...this.live.values()].filter((l) => l.agents().includes(agent)).map((l) => l.id);
  }

  /**
   * Starts a deployment of a validated graph: placed on the agents present, then assigned. One
   * that `replaces` a running deployment of the same graph is seeded with the hub's state of what
   * did not change before its room opens (each agent seeds its own local copies: its share says
   * from where), and the one it replaces stops once it has started. Nothing is written when the
   * one it replaces no longer runs, or another deployment of the graph runs (one graph runs
   * once: editors show its newest deployment only, and would not stop the other).
   */
  start(record: DeploymentRecord, graph: GraphDocument): Promise<Started | StartRefused> {
    return this.serially(async () => {
      const replaced = record.replaces === undefined ? undefined : this.live.get(record.replaces);
      if (record.replaces !== undefined && !replaced) return { refused: 'replaced-stopped' };
      // Checked here, one change at a time, so two deploys at once cannot both start.
      const running = this.runningOf(record.graphId).find((id) => id !== record.replaces);
      if (running !== undefined) return { refused: 'graph-running', running };
      // The embedded store does not yield to I/O from here until the replaced room is stopped,
      // so no delta reaches it after its state was taken.
      const next = { graph, plan: storedPlan(record.placement) };
      const plan = replaced && carryOver(replaced, next, record.id, this.ledger);
      await this.options.store.insertDeployment(record, plan?.seed);
      const live = await this.open(record, graph);
      // Before the shares go out: they say where each agent's local copies start from.
      if (plan) this.late.add(replaced, live.id, plan.carry);
      this.sendShares(live);
      this.event({ deployment: live.id, kind: 'deploy', message: deployMessage(graph, plan) });
      if (replaced) await this.halt(replaced.id);
      return { live, carry: plan?.carry, copies: plan?.copies ?? [] };
    });
  }

  /** The running deployments of a graph. */
  runningOf(graphId: string): string[] {
    return [...this.live.values()].filter((l) => l.info.graphId === graphId).map((l) => l.id);
  }

  /**
   * Places a new deployment on the agents online now (an agent that is away keeps what it runs,
   * but gets nothing new), or says which constraints no agent satisfies.
   */
  place(graph: GraphDocument, graphId: string) {
    const running = [...this.live.values()].find((l) => l.info.graphId === graphId);
    return placeGraph(graph, [...this.online.values()].map(placementAgent), {
      rates: running?.measuredRates() ?? {},
    });
  }

  stop(id: string): Promise<boolean> {
    return this.serially(() => this.halt(id));
  }

  private async halt(id: string): Promise<boolean> {
    const stopped = await this.options.store.stopDeployment(id, Date.now());
    const live = this.live.get(id);
    this.live.delete(id);
    this.late.ended(id);
    if (live) {
      for (const port of this.online.values()) {
        if (this.sent.ended(port.name, id)) port.unassign(id);
        live.room.leave(port.name);
        port.setRooms(id, []);
      }
      this.event({ deployment: id, kind: 'stop', message: 'stopped' });
    }
    return stopped;
  }

  agentConnected(port: AgentPort, running: readonly string[]): Promise<void> {
    return this.serially(async () => {
      this.away.take(port.name);
      this.online.set(port.name, port);
      this.sent.connected(port.name);
      for (const live of this.live.values()) {
        const placed = await rePlace(this.placing, live);
        if (!(placed.ok && placed.changed)) this.sent.send(live, port);
        if (!this.sent.has(port.name, live.id) && running.includes(live.id)) {
          port.unassign(live.id);
        }
      }
      // After the shares: a deployment that replaced one of these starts from its local copies.
      for (const id of running) if (!this.live.has(id)) port.unassign(id);
      this.event({ kind: 'agent-joined', message: `${port.name} connected` });
    });
  }

  /** `closedFor`: why the control plane closed its session, when it did. */
  agentDisconnected(port: AgentPort, closedFor?: DisconnectReason): Promise<void> {
    return this.serially(async () => {
      if (!this.dropOnline(port)) return;
      this.away.mark(port.id, placementAgent(port));
      const why =
        closedFor === DISCONNECT_REASONS.duplicateName
          ? ': another process connected with its name and token, and took its place'
          : '';
      this.event({ kind: 'agent-left', message: `${port.name} disconnected${why}` });
    });
  }

  /**
   * The token of agent `id` was revoked: it cannot come back, so what it ran moves at once, with
   * no grace. Called before its connection is closed, whose disconnect then changes nothing.
   */
  agentRevoked(id: string): Promise<void> {
    return this.serially(async () => {
      const port = [...this.online.values()].find((p) => p.id === id);
      const name = port && this.dropOnline(port) ? port.name : this.away.takeById(id);
      if (name !== undefined) await this.moveWorkOf(name, `${name}'s token was revoked`);
    });
  }

  /** Forgets a connection of an agent; false when it is not the agent's current one. */
  private dropOnline(port: AgentPort): boolean {
    if (this.online.get(port.name) !== port) return false;
    this.online.delete(port.name);
    this.sent.disconnected(port.name);
    this.reports.delete(port.name);
    for (const live of this.live.values()) {
      live.room.leave(port.name);
      this.options.onChange?.(live.id);
    }
    return true;
  }

  /** An agent's replication message: to its deployment's room, or a replaced one's successor. */
  receive<E extends SyncEvent>(agent: string, event: E, message: SyncMessages[E]): SyncResult {
    const live = this.live.get(message.deployment);
    if (!live) return this.late.receive(agent, event, message);
    const link = this.port(agent)?.link;
    return receiveRunning(this.options.metrics, live, agent, event, message, link);
  }

  recordMetrics(agent: string, metrics: AgentMetrics): void {
    if (!this.live.has(metrics.deployment) || !this.online.has(agent)) return;
    let byDeployment = this.reports.get(agent);
    if (!byDeployment) this.reports.set(agent, (byDeployment = new Map()));
    const { sentAt } = metrics;
    const sinks =
      sentAt === undefined ? metrics.sinks : rebaseSinkLines(metrics.sinks, sentAt, Date.now());
    byDeployment.set(metrics.deployment, { ...metrics, sinks });
    const { plan } = this.live.get(metrics.deployment) ?? {};
    for (const issue of metrics.issues) {
      const inGraph =
        plan &&
        (Object.hasOwn(plan.nodes, issue.where) || Object.hasOwn(plan.variables, issue.where));
      this.event({
        deployment: metrics.deployment,
        kind: 'error',
        message: issueMessage(agent, issue),
        ...(inGraph ? { node: issue.where } : {}),
      });
    }
    this.options.onChange?.(metrics.deployment);
  }

  /** Grants an effect to an agent that runs the claimed node of a running deployment. */
  claimEffect(agent: string, claim: EffectClaim): { granted: boolean } | { error: string } {
    const live = this.live.get(claim.deployment);
    if (!live) return { error: `no running deployment "${claim.deployment}"` };
    if (!(live.plan.nodes[claim.node] ?? []).includes(agent)) {
      return { error: `${agent} does not run node ${claim.node} of ${claim.deployment}` };
    }
    return { granted: this.ledger.claim(claim, agent).granted };
  }

  completeEffect(agent: string, claim: EffectClaim): void {
    if (!this.ledger.complete(claim, agent)) return;
    this.event({
      deployment: claim.deployment,
      kind: 'effect',
      message: `${claim.node} performed for "${claim.key}" on ${agent}`,
      node: claim.node,
    });
  }

  /** Sets the convergence-lag gauge: how long the longest-lagging deployment has not agreed. */
  private measureLag(): void {
    const agents = [...this.online.keys()];
    const unacked = unackedDeltas(this.live.values(), agents, (a, d) => this.report(a, d));
    this.options.metrics.convergenceLag.set(this.lag.measure(unacked));
  }

  shutdown(): void {
    clearInterval(this.lagTimer);
    this.away.shutdown();
  }

  /** The agent stayed away too long: what it ran moves, and its unfinished effects are released. */
  private graceExpired(name: string): Promise<void> {
    return this.serially(async () => {
      if (this.away.take(name)) await this.moveWorkOf(name, `${name} stayed away`);
    });
  }

  /** Places what a gone agent ran on the others, and says how that went (`subject`: why). */
  private async moveWorkOf(name: string, subject: string): Promise<void> {
    const outcomes: Array<{ deployment: string; placed: RePlaced }> = [];
    for (const live of this.live.values()) {
      if (!live.agents().includes(name)) continue;
      const released = this.ledger.release(live.id, name);
      if (released > 0) this.options.logger.info({ name, released }, 'released effects');
      outcomes.push({ deployment: live.id, placed: await rePlace(this.placing, live) });
    }
    this.event({ kind: 'agent-left', message: placedAgainMessage(subject, outcomes) });
  }

  /** Sends every agent online its share of a deployment, where it changed. */
  private sendShares(live: LiveDeployment): void {
    for (const port of this.online.values()) this.sent.send(live, port);
  }

  private event(event: Omit<HubEvent, 'at'>): void {
    const full = { ...event, at: Date.now() };
    this.options.logger.info(full, 'hub event');
    this.options.onEvent?.(full);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch((err: unknown) =>
      this.options.logger.error({ err }, 'hub change failed'),
    );
    return next;
  }
}
