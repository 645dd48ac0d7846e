import type { CarryOver, DeploymentSnapshot } from '@inflow/shared-core';
import type { DeployProblem } from './live-api';

/** What a redeploy kept of the deployment it replaced. */
export type Kept = Pick<CarryOver, 'carried' | 'reset'>;

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

/** What a redeploy kept, in a line: "Kept the state of 5 variables; 2 start empty". */
export function describeKept({ carried, reset }: Kept): string {
  const empty =
    reset.length === 0
      ? 'none start empty'
      : reset.length === 1
        ? '1 starts empty'
        : `${reset.length} start empty`;
  return `Kept the state of ${variables(carried.length)}; ${empty}`;
}

/** Which variables, for the tooltip: the kept ones, then each reset one with why. */
export function describeKeptNames({ carried, reset }: Kept): string {
  const lines = [`Kept: ${carried.length > 0 ? carried.join(', ') : 'none'}`];
  if (reset.length > 0) {
    lines.push('Start empty:', ...reset.map((r) => `  ${r.variable}: ${r.message}`));
  }
  return lines.join('\n');
}
