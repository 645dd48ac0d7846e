import {
  accepted,
  agentShare,
  carriedVariables,
  rejected,
  type CarryOver,
  type GraphDocument,
  type GraphShare,
  type LocalCarry,
  type PlacementPlan,
  type SyncEvent,
  type SyncLink,
  type SyncMessages,
  type SyncResult,
} from '@inflow/shared-core';
import type { Logger } from 'pino';
import type { DeploymentRecord } from '../data/store.js';
import type { Metrics } from '../metrics.js';
import { joinLateDelta } from './late-delta.js';
import type { LiveDeployment } from './live-deployment.js';
import { storedFormerHosts, type FormerHosts } from './stored-former-hosts.js';
import { storedPlan } from './stored-plan.js';

/** A deployment that was replaced, as much of it as its late updates need. */
export interface ReplacedDeployment {
  readonly id: string;
  readonly graph: GraphDocument;
  /** Its last plan: who held which replica when it stopped. */
  readonly plan: PlacementPlan;
  /** Who held which replica under its earlier plans (a re-placement moved it off them). */
  readonly formerHosts: FormerHosts;
}

/** What a deployment carries from the one it replaced: at the hub, and on each agent. */
export type Carried = Pick<CarryOver, 'carried' | 'carriedLocal'>;

/** The most replaced deployments an assignment names to take local copies from. */
const MAX_LOCAL_HOPS = 64;

interface Hop extends ReplacedDeployment {
  readonly next: string;
  /** The variables `next` carries from it at the hub. */
  readonly carried: ReadonlySet<string>;
  /** The variables local to each agent that `next` carries from it on the agents. */
  readonly carriedLocal: ReadonlySet<string>;
  /** The variables each agent held under any of its plans, worked out when it first sends. */
  readonly held: Map<string, ReadonlySet<string>>;
}

/** What it asks of the hub: a running deployment by id, an agent connected now by name. */
export interface LateCarryHub {
  running(id: string): LiveDeployment | undefined;
  port(name: string): { readonly link: SyncLink } | undefined;
}

type Successor = { live: LiveDeployment } | { refused: SyncResult };

/**
 * Late updates of replaced deployments. An agent can hold deltas of a deployment after its
 * state was carried into a new one: sent before the agent heard of the stop, sent when it
 * stopped (agents drain then), or kept while it was offline. A carried variable is the same CRDT
 * in both, so such a delta is joined into the newest running deployment of the chain (A replaced
 * by B replaced by C: into C), reaches its agents like any update, and counts once however often
 * it arrives. Deltas of variables a successor did not carry are refused: they start empty there.
 * The same chains say where an agent's local variables start from (`localCarry`).
 */
export class LateCarry {
  private readonly hops = new Map<string, Hop>();
  /** By deployment, the one it replaced (whose hop leads into it). */
  private readonly into = new Map<string, string>();

  constructor(
    private readonly options: { metrics: Metrics; logger: Logger },
    private readonly hub: LateCarryHub,
  ) {}

  /** `previous` was replaced by `next`, which carries `carried` from it. */
  add(previous: ReplacedDeployment, next: string, carried: Carried): void {
    const { id, graph, plan, formerHosts } = previous;
    const hop: Hop = {
      id,
      graph,
      plan,
      formerHosts,
      next,
      carried: new Set(carried.carried),
      carriedLocal: new Set(carried.carriedLocal),
      held: new Map(),
    };
    this.hops.set(id, hop);
    this.into.set(next, id);
  }

  /**
   * Where `agent`'s copies of the local variables in `share` of deployment `live` start from:
   * the deployments it replaced, newest first, each with those carried from it unchanged all
   * the way, and which of them the agent held under the last plan of one of them. An agent that
   * was offline through several redeploys still holds the copy of the oldest.
   */
  localCarry(live: LiveDeployment, agent: string, share: GraphShare): LocalCarry | undefined {
    let wanted = share.variables.filter((v) => live.localTypes.has(v));
    const from: LocalCarry['from'] = [];
    const held = new Set<string>();
    for (let hop = this.hopInto(live.id); hop; hop = this.hopInto(hop.id)) {
      const carried = hop.carriedLocal;
      wanted = wanted.filter((v) => carried.has(v));
      if (wanted.length === 0 || from.length === MAX_LOCAL_HOPS) break;
      from.push({ deployment: hop.id, variables: wanted });
      const there = agentShare(hop.graph, hop.plan, agent).variables;
      for (const v of wanted) if (there.includes(v)) held.add(v);
    }
    return from.length === 0 ? undefined : { from, held: [...held].sort() };
  }

  private hopInto(id: string): Hop | undefined {
    const previous = this.into.get(id);
    return previous === undefined ? undefined : this.hops.get(previous);
  }

  /**
   * After a restart: every chain that ends in a running deployment, with what each step carried
   * recomputed from the two stored revisions (the same pure function that decided the seed).
   */
  async restore(
    records: readonly DeploymentRecord[],
    graphOf: (record: DeploymentRecord) => Promise<GraphDocument>,
  ): Promise<void> {
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const running of records.filter((r) => r.status === 'running')) {
      let next = running;
      let previous = byId.get(next.replaces ?? '');
      while (previous && !this.hops.has(previous.id)) {
        try {
          const [before, after] = await Promise.all([graphOf(previous), graphOf(next)]);
          const plan = storedPlan(previous.placement);
          const formerHosts = storedFormerHosts(previous.formerHosts, previous.id);
          this.add(
            { id: previous.id, graph: before, plan, formerHosts },
            next.id,
            carriedVariables(before, after),
          );
        } catch (err) {
          this.options.logger.error(
            { err, deployment: previous.id },
            'late updates of a replaced deployment cannot be carried: its stored graph or plan is unreadable',
          );
          break;
        }
        next = previous;
        previous = byId.get(next.replaces ?? '');
      }
    }
  }

  /** `id` stopped with no successor: the chains that ended in it carry nothing any more. */
  ended(id: string): void {
    const gone = [...this.hops.keys()].filter((start) => this.last(start) === id);
    for (const start of gone) {
      this.into.delete(this.hops.get(start)?.next ?? '');
      this.hops.delete(start);
    }
  }

  /** A replication message for a deployment that no longer runs. */
  receive<E extends SyncEvent>(agent: string, event: E, message: SyncMessages[E]): SyncResult {
    const { deployment, variable } = message;
    const hop = this.hops.get(deployment);
    if (!hop) return rejected('wrong-deployment', `no running deployment "${deployment}"`);
    // Acknowledging what its room sent before it stopped: nothing is owed any more.
    if (event === 'ack') return accepted;
    if (event === 'digest') {
      return rejected(
        'wrong-deployment',
        `deployment "${deployment}" was replaced by "${hop.next}": it takes only late deltas`,
      );
    }
    if (!this.heldBy(hop, agent).has(variable)) {
      return rejected('not-hosted', `${agent} held no replica of ${variable} in ${deployment}`);
    }
    const successor = this.successor(deployment, variable);
    if ('refused' in successor) return successor.refused;
    const delta = message as SyncMessages['delta'];
    const link = this.hub.port(agent)?.link;
    return joinLateDelta(this.options.metrics, successor.live.room, delta, link);
  }

  private successor(deployment: string, variable: string): Successor {
    let id = deployment;
    for (let hop = this.hops.get(id); hop; hop = this.hops.get(id)) {
      if (!hop.carried.has(variable)) {
        const reason = `${variable} of ${hop.id} was not carried into ${hop.next}, where it started empty: the late update is dropped`;
        return { refused: rejected('not-carried', reason) };
      }
      id = hop.next;
      const live = this.hub.running(id);
      if (live) return { live };
    }
    const reason = `deployment "${deployment}" was replaced, but "${id}", its last successor, no longer runs`;
    return { refused: rejected('wrong-deployment', reason) };
  }

  private last(start: string): string {
    let id = start;
    for (let hop = this.hops.get(id); hop; hop = this.hops.get(id)) id = hop.next;
    return id;
  }

  /** Under its last plan or an earlier one: either way the agent may owe deltas made there. */
  private heldBy(hop: Hop, agent: string): ReadonlySet<string> {
    let held = hop.held.get(agent);
    if (!held) {
      const last = agentShare(hop.graph, hop.plan, agent).variables;
      held = new Set([...last, ...(hop.formerHosts.get(agent) ?? [])]);
      hop.held.set(agent, held);
    }
    return held;
  }
}
