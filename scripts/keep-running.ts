import type { StackProcess } from './local-stack.js';
import { RestartPolicy } from './restart-policy.js';

export interface KeptProcess {
  /** The process that runs now, or the one that exited while its restart waits. */
  current(): StackProcess;
  /** Stops restarting, then stops the process; resolves once it is gone. */
  stop(): Promise<number | string>;
}

export interface KeepRunningOptions {
  /** How the messages name it: `agent client-1`. */
  name: string;
  log: (line: string) => void;
  /** Where to look when it stays down: its log file. */
  seeAlso?: string;
  policy?: RestartPolicy;
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/**
 * Runs `start()`'s process and starts it again whenever it exits on its own, as `policy` says,
 * until `stop()`. `npm start` keeps its local agents up this way; the system tests, which
 * crash agents on purpose, use `local-stack` without it.
 */
export function keepRunning(start: () => StackProcess, options: KeepRunningOptions): KeptProcess {
  const { name, log } = options;
  const policy = options.policy ?? new RestartPolicy();
  const see = options.seeAlso === undefined ? '' : `; see ${options.seeAlso}`;
  let stopped = false;
  let pending: NodeJS.Timeout | undefined;
  let running: StackProcess;

  const launch = () => {
    // Monotonic, unlike Date.now(), which a clock adjustment can move backwards.
    const startedAt = performance.now();
    const launched = start();
    running = launched;
    void launched.exited.then((exit) => {
      if (stopped) return;
      const ran = performance.now() - startedAt;
      const decision = policy.afterExit(exit, ran);
      if (!decision.restart) {
        log(`${name} exited (${exit}); not restarting it: ${decision.why}${see}`);
        return;
      }
      log(
        `${name} exited (${exit}) after ${seconds(ran)}; ` +
          `restarting it in ${seconds(decision.delayMs)}${see}`,
      );
      pending = setTimeout(() => {
        pending = undefined;
        if (stopped) return;
        launch();
        log(`${name} restarted`);
      }, decision.delayMs);
    });
  };
  launch();

  return {
    current: () => running,
    stop: () => {
      stopped = true;
      clearTimeout(pending);
      return running.stop();
    },
  };
}
