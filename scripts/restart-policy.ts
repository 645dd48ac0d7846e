// When `npm start` brings back a local agent that exited on its own: after a crash, with a delay
// that doubles while it keeps crashing (so a broken agent does not spin), and never after an
// exit that a restart cannot fix or that someone asked for.

export interface RestartPolicyOptions {
  firstDelayMs: number;
  maxDelayMs: number;
  /** A run at least this long was healthy: the next crash waits `firstDelayMs` again. */
  healthyAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  healthyAfterMs: 60_000,
};

export type RestartDecision = { restart: true; delayMs: number } | { restart: false; why: string };

/**
 * Why an exit is final, by `inflow-agent`'s exit codes (agent/src/cli.ts): 0 it was stopped by
 * a signal it handled, 2 its arguments are wrong, 3 the control plane refused it for good. A
 * crash (killed by a signal, or 1, a local failure such as its store) is not.
 */
function finalExit(exit: number | string): string | undefined {
  switch (exit) {
    case 0:
      return 'it stopped cleanly, so it was asked to (SIGTERM or SIGINT)';
    case 2:
      return 'its command line is wrong, and would be again';
    case 3:
      return (
        'the control plane refused it for good (a bad or revoked token, ' +
        'or another process took its name)'
      );
    default:
      return undefined;
  }
}

/** The restarts of one process: call `afterExit` each time it exits. */
export class RestartPolicy {
  private nextDelayMs: number;

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {
    this.nextDelayMs = options.firstDelayMs;
  }

  /** What to do after a run of `ranMs` that ended with `exit` (a code, or a signal's name). */
  afterExit(exit: number | string, ranMs: number): RestartDecision {
    const why = finalExit(exit);
    if (why !== undefined) return { restart: false, why };
    if (ranMs >= this.options.healthyAfterMs) this.nextDelayMs = this.options.firstDelayMs;
    const delayMs = this.nextDelayMs;
    this.nextDelayMs = Math.min(delayMs * 2, this.options.maxDelayMs);
    return { restart: true, delayMs };
  }
}
