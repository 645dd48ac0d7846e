import {
  agentShare,
  HubRoom,
  latticeVariables,
  type AnyCrdtType,
  type DeltaMessage,
  type Assignment,
  type GraphDocument,
  type GraphShare,
  type LocalCarry,
  type HubStore,
  type PlacementPlan,
  type PlacementProblem,
} from '@inflow/shared-core';
import type { FormerHosts } from './stored-former-hosts.js';

/** Deployment ids and node ids are validated names, so this cannot collide. */
export const roomName = (deployment: string, variable: string): string =>
  `var:${deployment}:${variable}`;

/** Rates measured over less than this are noise; placement keeps its type-based estimates. */
const MIN_MEASURED_MS = 30_000;

export interface DeploymentInfo {
  id: string;
  graphId: string;
  rev: number;
  createdAt: number;
  /** The deployment it replaced, whose unchanged state it started from. */
  replaces?: string | undefined;
  /** The deployment that replaced it (then it is stopped). */
  replacedBy?: string | undefined;
}

/**
 * A running deployment in the hub: its graph, the placement in force (and its version), and the
 * HubRoom that replicates its variables. Which agent gets which share follows from the plan.
 */
export class LiveDeployment {
  readonly room: HubRoom;
  /** The variables the hub replicates, by id. */
  readonly types: ReadonlyMap<string, AnyCrdtType>;
  /** The variables local to each agent that holds one (declared dynamic): the hub has none. */
  readonly localTypes: ReadonlyMap<string, AnyCrdtType>;
  private unmet: readonly PlacementProblem[] = [];
  private readonly openedAt = Date.now();
  private current: PlacementPlan;
  /**
   * The version the plan in force was put in force at, which assignments carry: an agent tells
   * a new share from a resend by it, so a version that only changed the problems is not one.
   */
  private planVersion: number;
  private formerly: FormerHosts;
  private readonly shares = new Map<string, GraphShare | undefined>();

  /** `formerly`: the former hosts stored with `plan` (see `formerHosts`). */
  constructor(
    readonly info: DeploymentInfo,
    readonly graph: GraphDocument,
    plan: PlacementPlan,
    public version: number,
    store: HubStore,
    onGrow: (variable: string) => void,
    broadcast: (variable: string, except: string | undefined, message: DeltaMessage) => void,
    formerly: FormerHosts = new Map(),
  ) {
    this.current = plan;
    this.planVersion = version;
    this.formerly = formerly;
    const variables = latticeVariables(graph);
    this.types = variables.replicated;
    this.localTypes = variables.local;
    this.room = HubRoom.restore({
      deployment: info.id,
      variables: this.types,
      store,
      onGrow,
      broadcast,
    });
  }

  /** The placement in force. */
  get plan(): PlacementPlan {
    return this.current;
  }

  /** Constraints the last re-placement could not satisfy; the previous plan stays in force. */
  get problems(): readonly PlacementProblem[] {
    return this.unmet;
  }

  /**
   * New problems, stored as `version`: the version moves with every change of them, so an editor
   * that refetches when it moves never shows problems that were cleared (or misses new ones).
   */
  problemsChanged(problems: readonly PlacementProblem[], version: number): void {
    this.unmet = problems;
    this.version = version;
  }

  /** By agent, the variables whose rooms it was in under the plans before the one in force. */
  get formerHosts(): FormerHosts {
    return this.formerly;
  }

  /**
   * The former hosts once the plan in force is replaced: those so far, and who holds what under
   * it. Stored with the next plan, in the same write, then put in force by `rePlaced`.
   */
  nextFormerHosts(): FormerHosts {
    const next = new Map([...this.formerly].map(([agent, held]) => [agent, new Set(held)]));
    for (const agent of this.agents()) {
      const share = this.shareOf(agent);
      const rooms = share ? this.roomsOf(share) : [];
      if (rooms.length === 0) continue;
      let held = next.get(agent);
      if (!held) next.set(agent, (held = new Set()));
      for (const variable of rooms) held.add(variable);
    }
    return next;
  }

  /** A re-placement, stored with `formerly` (its `nextFormerHosts()`), is in force. */
  rePlaced(plan: PlacementPlan, version: number, formerly: FormerHosts): void {
    this.current = plan;
    this.version = version;
    this.planVersion = version;
    this.unmet = [];
    this.formerly = formerly;
    this.shares.clear();
  }

  /**
   * Whether `agent` held `variable` under an earlier plan of this deployment: it may still owe
   * deltas it made there.
   */
  heldBefore(agent: string, variable: string): boolean {
    return this.formerly.get(agent)?.has(variable) ?? false;
  }

  /** The socket.io room of one of its variables. */
  socketRoom(variable: string): string {
    return roomName(this.id, variable);
  }

  get id(): string {
    return this.info.id;
  }

  /** What `agent` runs and holds, or undefined when the plan gives it nothing. */
  shareOf(agent: string): GraphShare | undefined {
    // Kept per plan: every live snapshot asks for every agent's share.
    if (!this.shares.has(agent)) {
      const share = agentShare(this.graph, this.plan, agent);
      this.shares.set(agent, share.nodes.length + share.variables.length > 0 ? share : undefined);
    }
    return this.shares.get(agent);
  }

  /** The rooms an agent with this share joins: the replicated variables it holds. */
  roomsOf(share: GraphShare): string[] {
    return share.variables.filter((v) => this.types.has(v));
  }

  /** The agents the plan mentions. */
  agents(): string[] {
    const names = new Set<string>();
    for (const list of [...Object.values(this.plan.nodes), ...Object.values(this.plan.variables)])
      for (const name of list) names.add(name);
    return [...names].sort();
  }

  /**
   * The delta rate of each variable in bytes/s, as the hub saw them grow since it opened the
   * room; nothing until that is long enough to mean something.
   */
  measuredRates(now = Date.now()): Record<string, number> {
    const elapsed = now - this.openedAt;
    if (elapsed < MIN_MEASURED_MS) return {};
    const bytes = this.room.grownBytes();
    return Object.fromEntries(Object.entries(bytes).map(([id, b]) => [id, (b * 1000) / elapsed]));
  }

  /**
   * `agentReplica` is the agent's own replica id. A deployment that started from carried state gets
   * one of its own on every agent: its runner starts empty, and under the old id it would mint
   * dots and counter entries the carried state already holds, before it caught up with them.
   * `carry`: where the agent's local copies start from (see LateCarry.localCarry).
   */
  assignmentFor(share: GraphShare, agentReplica: string, carry?: LocalCarry): Assignment {
    const replica =
      this.info.replaces === undefined ? agentReplica : `${agentReplica}.${this.info.id}`;
    return {
      deployment: this.id,
      version: this.planVersion,
      graph: this.graph,
      nodes: [...share.nodes],
      variables: [...share.variables],
      // Every agent running an enforce_once trigger claims its effects; the hub's ledger grants
      // each one once, so the membership need not agree across agents.
      executors: [replica],
      replica,
      ...(carry ? { carry } : {}),
    };
  }
}
