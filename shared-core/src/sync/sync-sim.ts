import type { AnyCrdtType } from '../crdt/crdt-type.js';
import { encodeState } from '../crdt/lattice.js';
import { createLasp, type Lasp } from '../facade/lasp.js';
import { Prng } from '../simulation/prng.js';
import { HubRoom } from './hub-room.js';
import { MemoryHubStore } from './hub-store.js';
import { MemoryReplicaLog, SimulatedCrash } from './memory-replica-log.js';
import { ReplicaEndpoint } from './replica-endpoint.js';
import type { SyncEvent, SyncMessages } from './sync-link.js';
import { NO_FAULTS, TestLinkPair, type LinkFaults, type Side } from './test-link-pair.js';

// A seeded simulation of agents replicating through a hub over faulty in-memory links, for the
// sync tests. Agents run the same small pipeline (two sets, their union, a counter); an agent
// may host the counter only, and then never hears of the sets (selective hearing).

export const DEPLOYMENT = 'd1';
export const ALL_VARIABLES = ['a', 'b', 'u', 'clicks'] as const;
export const COUNTER_ONLY = ['clicks'] as const;

export interface SyncSimOptions {
  seed: number;
  agents: number;
  setType: 'orset' | 'awset';
  faults?: LinkFaults;
  batch?: boolean;
  compactEvery?: number;
  /**
   * The hub's store holds writes and commits them in groups: when the network is quiet, or as a
   * random step; a hub restart loses what it held.
   */
  groupCommit?: boolean;
  /** Indexes of agents that host only the counter. */
  counterOnly?: readonly number[];
}

export interface SimAgent {
  readonly name: string;
  readonly hosts: readonly string[];
  readonly pair: TestLinkPair;
  log: MemoryReplicaLog;
  lasp: Lasp | undefined;
  endpoint: ReplicaEndpoint | undefined;
}

export interface Traffic {
  deltaMessages: number;
  deltaBytes: number;
  digestBytes: number;
  fullStateBytes: number;
}

/** An update whose `update()` returned: it must never be lost. */
interface Acknowledged {
  readonly agent: string;
  readonly variable: string;
  readonly delta: unknown;
}

function pipeline(name: string, hosts: readonly string[], setType: string): Lasp {
  const lasp = createLasp({ replica: name });
  if (hosts.includes('a')) {
    lasp.declare('a', setType as 'orset');
    lasp.declare('b', setType as 'orset');
    lasp.union('a', 'b', 'u');
  }
  lasp.declare('clicks', 'gcounter');
  return lasp;
}

export class SyncSim {
  readonly rng: Prng;
  readonly events: string[] = [];
  readonly store: MemoryHubStore;
  readonly types: ReadonlyMap<string, AnyCrdtType>;
  readonly agents: SimAgent[];
  readonly acknowledged: Acknowledged[] = [];
  readonly increments = { returned: 0, attempted: 0 };
  readonly rejections: string[] = [];
  /** Per variable: delta-sync bytes on the wire, and what full-state sync would send instead. */
  readonly traffic = new Map<string, Traffic>();
  /** Deltas the hub sent while handling a member's delta (forwards), with who sent that delta. */
  readonly forwards: Array<{ sender: string; to: string; message: SyncMessages['delta'] }> = [];
  private handling: { from: string; event: SyncEvent } | undefined;
  hub: HubRoom;

  constructor(readonly options: SyncSimOptions) {
    this.rng = new Prng(options.seed);
    this.store = new MemoryHubStore({ deferred: options.groupCommit ?? false });
    const probe = pipeline('probe', ALL_VARIABLES, options.setType).runtime;
    this.types = new Map(ALL_VARIABLES.map((v) => [v, probe.typeOf(v) as AnyCrdtType]));
    this.hub = HubRoom.restore(this.hubOptions());
    this.agents = Array.from({ length: options.agents }, (_, i) => {
      const name = `agent${i}`;
      const hosts = options.counterOnly?.includes(i) ? COUNTER_ONLY : ALL_VARIABLES;
      const pair = new TestLinkPair(name, this.rng, options.faults ?? NO_FAULTS, this.events);
      const agent: SimAgent = {
        name,
        hosts,
        pair,
        log: new MemoryReplicaLog(),
        lasp: undefined,
        endpoint: undefined,
      };
      pair.onHub = (event, message) => {
        this.handling = { from: name, event };
        const result = this.hub.receive(name, event, message);
        this.handling = undefined;
        if (!result.ok)
          this.rejections.push(`hub refused ${name}'s ${event}: ${result.code}: ${result.reason}`);
      };
      pair.onAgent = (event, message) => {
        const result = agent.endpoint?.receive(event, message);
        if (result && !result.ok) {
          if (agent.log.isCrashed) this.died(agent);
          else this.rejections.push(`${name} refused ${event}: ${result.code}: ${result.reason}`);
        }
      };
      pair.onSend = (from, _event, message) => this.measure(agent, from, message);
      this.start(agent);
      return agent;
    });
  }

  private hubOptions() {
    return {
      deployment: DEPLOYMENT,
      variables: this.types,
      store: this.store,
      compactEvery: this.options.compactEvery ?? 16,
    };
  }

  private measure(agent: SimAgent, from: Side, message: SyncMessages[SyncEvent]): void {
    let t = this.traffic.get(message.variable);
    if (!t) {
      t = { deltaMessages: 0, deltaBytes: 0, digestBytes: 0, fullStateBytes: 0 };
      this.traffic.set(message.variable, t);
    }
    if ('digest' in message) t.digestBytes += message.digest.length;
    if (!('delta' in message)) return;
    if (from === 'hub' && this.handling?.event === 'delta') {
      this.forwards.push({ sender: this.handling.from, to: agent.name, message });
    }
    // Full-state sync would send the sender's whole state where delta sync sends a delta.
    const type = this.types.get(message.variable) as AnyCrdtType;
    const state =
      from === 'hub'
        ? this.hub.state(message.variable)
        : agent.lasp?.runtime.state(message.variable);
    t.deltaMessages++;
    t.deltaBytes += message.delta.length;
    t.fullStateBytes += encodeState(type, state).length;
  }

  private start(agent: SimAgent): void {
    const lasp = pipeline(agent.name, agent.hosts, this.options.setType);
    agent.endpoint = ReplicaEndpoint.restore(lasp.runtime, agent.log, {
      deployment: DEPLOYMENT,
      variables: agent.hosts,
      batch: this.options.batch ?? false,
      compactEvery: this.options.compactEvery ?? 16,
    });
    agent.lasp = lasp;
    this.connect(agent);
  }

  at(i: number): SimAgent {
    const agent = this.agents[i];
    if (!agent) throw new Error(`no agent ${i}`);
    return agent;
  }

  alive(agent: SimAgent): boolean {
    return agent.lasp !== undefined;
  }

  connect(agent: SimAgent): void {
    if (!this.alive(agent)) return;
    if (!agent.pair.isOpen) agent.pair.reconnect();
    const joined = this.hub.join(agent.name, agent.pair.hubLink, agent.hosts);
    if (!joined.ok) this.rejections.push(`join ${agent.name}: ${joined.reason}`);
    agent.endpoint?.connect(agent.pair.agentLink);
  }

  disconnect(agent: SimAgent): void {
    if (agent.pair.isOpen) agent.pair.disconnect();
    this.hub.leave(agent.name);
    agent.endpoint?.disconnect();
  }

  /** Applies a local update; returns whether `update()` returned (the application saw it done). */
  update(agent: SimAgent, variable: string, op: { op: string; [k: string]: unknown }): boolean {
    const lasp = agent.lasp;
    if (!lasp || !agent.hosts.includes(variable)) return false;
    if (variable === 'clicks') this.increments.attempted++;
    let delta: unknown;
    try {
      delta = lasp.update(variable, op);
    } catch (error) {
      if (!(error instanceof SimulatedCrash)) throw error;
      this.died(agent);
      return false;
    }
    this.events.push(`${agent.name}: ${variable} ${JSON.stringify(op)}`);
    if (variable === 'clicks') this.increments.returned++;
    const type = this.types.get(variable) as AnyCrdtType;
    this.acknowledged.push({ agent: agent.name, variable, delta: type.clone(delta) });
    return true;
  }

  /** Kills the agent after `writes` more writes to its log (0: now, between two writes). */
  crashAfter(agent: SimAgent, writes: number): void {
    if (!this.alive(agent)) return;
    this.events.push(`${agent.name}: crash after ${writes} writes`);
    agent.log.crashAfter(writes);
    if (writes === 0) this.died(agent);
  }

  private died(agent: SimAgent): void {
    if (!this.alive(agent)) return;
    this.events.push(`${agent.name}: DIED`);
    agent.lasp = undefined;
    agent.endpoint = undefined;
    this.disconnect(agent);
  }

  restart(agent: SimAgent): void {
    if (this.alive(agent)) return;
    this.events.push(`${agent.name}: restart`);
    agent.log = agent.log.restart();
    this.start(agent);
  }

  /** The control plane restarts: connections drop, the room comes back from its store. */
  restartHub(): void {
    this.events.push('hub: restart');
    for (const agent of this.agents) this.disconnect(agent);
    const before = this.hub;
    this.store.crash();
    this.hub = HubRoom.restore(this.hubOptions());
    // The hub stores before it merges, so what it held in memory must all come back, unless
    // it died holding writes: then only what it acknowledged must, which the senders resend.
    if (this.options.groupCommit) {
      for (const agent of this.agents) if (this.alive(agent)) this.connect(agent);
      return;
    }
    for (const [variable, type] of this.types) {
      if (!type.leq(before.state(variable), this.hub.state(variable))) {
        throw new Error(`the restarted hub lost part of ${variable}`);
      }
    }
    for (const agent of this.agents) if (this.alive(agent)) this.connect(agent);
  }

  /** Delivers up to `n` messages, each on a random link. */
  deliver(n: number): void {
    for (let k = 0; k < n; k++) {
      const busy = this.agents.filter((a) => a.pair.pending > 0);
      if (busy.length === 0) return;
      this.rng.pick(busy).pair.step();
    }
  }

  /** Heals everything: all agents up and reconnected, no faults, delivered until quiet. */
  settle(): void {
    this.events.push('settle');
    for (const agent of this.agents) {
      agent.pair.faults = { ...NO_FAULTS };
      if (!agent.log.isCrashed) agent.log.crashAfter(Infinity);
      if (this.alive(agent)) this.disconnect(agent);
      else this.restart(agent);
      if (!agent.pair.isOpen) this.connect(agent);
    }
    this.quiesce();
  }

  /** Flushes every endpoint and delivers until no message is in flight. */
  quiesce(): void {
    for (let round = 0; round < 1000; round++) {
      for (const agent of this.agents) agent.endpoint?.flush();
      this.store.commit();
      if (this.agents.every((a) => a.pair.pending === 0)) return;
      this.deliver(1_000_000);
    }
    throw new Error('the network did not go quiet');
  }

  /** Wraps a run so that a failure names its seed and the last events. */
  run(body: () => void): void {
    try {
      body();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `sync simulation failed for seed ${this.options.seed}: ${message}\n` +
          `options: ${JSON.stringify(this.options)}\nlast events:\n${this.events.slice(-80).join('\n')}`,
      );
    }
  }
}
