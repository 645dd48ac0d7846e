import {
  startingEmpty,
  type DeployAnswer,
  type DeploymentSnapshot,
  type LocalCarried,
} from '@inflow/shared-core';
import type { DeployProblem } from './live-api';

/**
 * What a redeploy kept of the deployment it replaced: at the hub (`carried`, `reset`), and on
 * the agents, for variables local to each agent (absent from a control plane that kept none).
 */
export type Kept = Required<Pick<DeployAnswer, 'carried' | 'reset'>> &
  Pick<DeployAnswer, 'carriedLocal' | 'resetLocal'>;

/** Where a deploy (or the deployment shown) stands, step by step. */
export type DeployPhase =
  | { step: 'idle' }
  | { step: 'saving' }
  | { step: 'placing' }
  /** Placed; waiting until every agent of the plan is online and running its share. */
  | { step: 'sending'; agents: readonly string[]; kept?: Kept }
  | { step: 'running'; agents: readonly string[]; online: number; kept?: Kept }
  | { step: 'conflict'; message: string; currentRev: number | undefined }
  /** The server refused the graph (422): every problem names its node. */
  | { step: 'refused'; message: string; problems: readonly DeployProblem[] }
  | { step: 'failed'; message: string }
  | { step: 'stopping' }
  | { step: 'stopped' };

/** Whether a deploy or stop is under way (the buttons wait for it). */
export const isBusy = (p: DeployPhase): boolean =>
  p.step === 'saving' || p.step === 'placing' || p.step === 'stopping';

/**
 * The phase once a snapshot arrived: "sending" becomes "running" when every agent of the plan
 * is online; a running deployment keeps counting how many of them are.
 */
export function phaseAfterSnapshot(phase: DeployPhase, snapshot: DeploymentSnapshot): DeployPhase {
  if (phase.step !== 'sending' && phase.step !== 'running') return phase;
  const online = new Set(snapshot.agents.filter((a) => a.online).map((a) => a.name));
  const count = phase.agents.filter((a) => online.has(a)).length;
  if (phase.step === 'sending') {
    if (count !== phase.agents.length) return phase;
    const running = { step: 'running' as const, agents: phase.agents, online: count };
    return phase.kept ? { ...running, kept: phase.kept } : running;
  }
  return count === phase.online ? phase : { ...phase, online: count };
}

const agentsText = (n: number) => `${n} agent${n === 1 ? '' : 's'}`;

/** The progress line under the Deploy button. */
export function describePhase(phase: DeployPhase): string {
  switch (phase.step) {
    case 'idle':
      return 'Not deployed';
    case 'saving':
      return 'Saving…';
    case 'placing':
      return 'Placing…';
    case 'sending':
      return `Sending to ${agentsText(phase.agents.length)}…`;
    case 'running':
      return phase.online === phase.agents.length
        ? `Running on ${agentsText(phase.agents.length)}`
        : `Running on ${phase.online} of ${agentsText(phase.agents.length)}`;
    case 'conflict':
      return `Not deployed: ${phase.message}`;
    case 'refused':
      // The toolbar has room for a count; the list under Deploy says each problem whole.
      return phase.problems.length === 0
        ? `Not deployed: ${phase.message}`
        : `Not deployed: ${phase.problems.length} problem${phase.problems.length === 1 ? '' : 's'}`;
    case 'failed':
      return phase.message;
    case 'stopping':
      return 'Stopping…';
    case 'stopped':
      return 'Stopped';
  }
}

const variables = (n: number) => `${n} variable${n === 1 ? '' : 's'}`;

/**
 * What a redeploy kept, in a line: "Kept the state of 5 variables; 2 start empty", and with
 * variables local to each agent "Kept the state of 1 variable, and 1 local to each agent on the
 * agents that held it; none start empty".
 */
export function describeKept(kept: Kept): string {
  const n = startingEmpty(kept).length;
  const empty = n === 0 ? 'none start empty' : n === 1 ? '1 starts empty' : `${n} start empty`;
  const local = kept.carriedLocal?.length ?? 0;
  const onAgents =
    local === 0 ? '' : `, and ${local} local to each agent on the agents that held it`;
  return `Kept the state of ${variables(kept.carried.length)}${onAgents}; ${empty}`;
}

/** "scores: client-1, client-2; empty on client-3 (new there)". */
function copiesLine({ variable, keptBy, emptyOn }: LocalCarried): string {
  const kept = keptBy.length > 0 ? keptBy.join(', ') : 'no agent yet';
  const empty = emptyOn.length > 0 ? `; empty on ${emptyOn.join(', ')} (new there)` : '';
  return `  ${variable}: ${kept}${empty}`;
}

/**
 * Which variables, for the tooltip: those kept at the hub, those each agent keeps its own copy
 * of (by agent), then each one that starts empty with why.
 */
export function describeKeptNames(kept: Kept): string {
  const { carried, carriedLocal = [] } = kept;
  const lines = [`Kept: ${carried.length > 0 ? carried.join(', ') : 'none'}`];
  if (carriedLocal.length > 0) {
    lines.push('Kept by each agent, its own copy:', ...carriedLocal.map(copiesLine));
  }
  const empty = startingEmpty(kept);
  if (empty.length > 0) {
    lines.push('Start empty:', ...empty.map((r) => `  ${r.variable}: ${r.message}`));
  }
  return lines.join('\n');
}
