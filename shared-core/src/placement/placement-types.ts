/** An agent as placement sees it. */
export interface PlacementAgent {
  name: string;
  labels: Readonly<Record<string, string>>;
  /** Whether it may run side effects (enforce_once triggers, webhook sinks). */
  trusted: boolean;
  /** The most node replicas it runs; unlimited when absent. */
  capacity?: number;
  /**
   * False while the agent is away within its grace period: it keeps what it runs, but is given
   * nothing new. Online when absent.
   */
  online?: boolean;
}

/**
 * The hard constraints a node can carry, in the order they filter; `no-agents` when no agent is
 * connected at all, so no hint is to blame.
 */
export type PlacementConstraint =
  'no-agents' | 'pin' | 'selector' | 'trusted' | 'offline' | 'capacity' | 'replicas';

/** A hard constraint that no connected agent satisfies, named so the user can fix it. */
export interface PlacementProblem {
  nodeId: string;
  constraint: PlacementConstraint;
  message: string;
}

/** One agent a node could have gone to, and what each term of the score would be there. */
export interface CandidateScore {
  agent: string;
  /** Estimated cross-agent traffic of the whole plan with this replica here, in bytes/s. */
  traffic: number;
  /** The penalty for an agent without the labels the node prefers, in bytes/s. */
  affinity: number;
  /** Node replicas the agent would run. */
  load: number;
  /** Whether going here moves a replica that runs elsewhere now. */
  moves: boolean;
  /** traffic + affinity: lower is better; load breaks ties. */
  total: number;
}

/** Why a node runs where it does. */
export interface NodeExplanation {
  /** How the agents were chosen. */
  rule: 'each' | 'pinned' | 'kept' | 'scored' | 'held';
  /** One sentence for people. */
  summary: string;
  /** The agents each hard constraint removed, in filter order; only constraints that removed some. */
  removed: { constraint: PlacementConstraint; agents: string[] }[];
  /** The agents that passed every constraint, best first (at most 16). */
  candidates: CandidateScore[];
}

/** A state's delta rate and where the figure came from. */
export interface StreamRate {
  bytesPerSecond: number;
  source: 'measured' | 'estimated';
}

export interface PlacementPlan {
  /** The agents that run each operator, trigger, sink and source node, by agent name. */
  nodes: Record<string, string[]>;
  /**
   * The agents that hold a replica of each variable (and each operator's output): those that
   * read or write it. The hub holds one of every variable as well, so a list may be empty.
   */
  variables: Record<string, string[]>;
  /** Why each node went where it did. */
  explanations: Record<string, NodeExplanation>;
  /** The rate of every replicated state the plan was scored with. */
  rates: Record<string, StreamRate>;
  /** Estimated bytes/s the hub forwards to agents under this plan. */
  traffic: number;
}

export type PlacementResult =
  { ok: true; placement: PlacementPlan } | { ok: false; problems: PlacementProblem[] };

export interface PlacementOptions {
  /** The plan in force: what still qualifies stays, unless moving it is worth the churn. */
  previous?: PlacementPlan;
  /** Measured delta rates in bytes/s by state id; type-based estimates fill the rest. */
  rates?: Readonly<Record<string, number>>;
  /**
   * With a previous plan, a running replica moves only when that saves at least this fraction
   * of the plan's traffic (default 0.2).
   */
  rebalanceGain?: number;
}
