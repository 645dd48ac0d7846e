import type { PlacementPlan, PlacementProblem } from '../placement/placement-types.js';
import type { VariableReset } from '../graph/carried-variables.js';
import type { EffectRecord } from '../sync/effect-ledger.js';
import type { LocalValue } from './local-values.js';
import type { SinkLineView } from './sink-output.js';

/**
 * A variable local to each agent that a redeploy carries, by agent as the new plan places it:
 * those that held a copy in the replaced deployment's plan keep theirs; the others start empty.
 * An agent that was offline is placed when it is back, and then keeps the copy it still has.
 */
export interface LocalCarried {
  variable: string;
  keptBy: string[];
  emptyOn: string[];
}

/**
 * The 202 of `POST /api/graphs/:id/deploy`. When it replaced one: `carried` and `reset` (the
 * replicated variables, at the hub), `carriedLocal` and `resetLocal` (those local to each agent).
 */
export interface DeployAnswer {
  deploymentId: string;
  version: number;
  placement: PlacementPlan;
  carried?: string[];
  reset?: VariableReset[];
  carriedLocal?: LocalCarried[];
  resetLocal?: VariableReset[];
}

/** A row of `GET /api/deployments`. */
export interface DeploymentSummary {
  id: string;
  graphId: string;
  rev: number;
  status: 'running' | 'stopped';
  version: number;
  createdAt: string;
}

export interface VariableView {
  type: string;
  value: unknown;
  /** The replicas that hold it: each agent the plan gives it to, and the hub. */
  replicas: number;
  /**
   * The replicas that agree with the hub: the hub itself, and each agent's that is connected and
   * has acknowledged all the hub sent it (so `agree` is `inSync === replicas`).
   */
  inSync: number;
  agree: boolean;
}

/** A variable declared dynamic: each agent that holds it keeps its own state, the hub none. */
export interface LocalVariableView {
  type: string;
  /** The agents that hold a copy, each its own. */
  agents: string[];
  /**
   * Each online holder's copy as it last reported it (agents report about once a second); an
   * agent that is offline or has not reported yet is absent.
   */
  values: Record<string, LocalValue>;
}

export interface DeploymentAgentView {
  name: string;
  online: boolean;
  nodes: string[];
  opsPerSecond: number;
  unacked: number;
}

/** `GET /api/deployments/:id`: a deployment, its plan, its variables at the hub, its agents. */
export interface DeploymentView extends DeploymentSummary {
  /** The deployment it replaced, whose unchanged state it started from. */
  replaces?: string;
  /** The deployment that replaced it (it is stopped then). */
  replacedBy?: string;
  placement: PlacementPlan;
  /** Constraints the last re-placement could not meet; the plan shown stays in force. */
  problems: PlacementProblem[];
  variables: Record<string, VariableView>;
  /** The variables local to each agent: no value at the hub, operations only at an agent. */
  local: Record<string, LocalVariableView>;
  /** Per sink: what it last did on the online agents (a log line, a webhook's answer), newest first. */
  sinks: Record<string, SinkLineView[]>;
  agents: DeploymentAgentView[];
  effects: Array<Pick<EffectRecord, 'node' | 'key' | 'holder' | 'status' | 'grants'>>;
}
