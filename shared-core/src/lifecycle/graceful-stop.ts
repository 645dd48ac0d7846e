export interface GracefulStopOptions {
  /** Stops the process's work cleanly (closes sockets, flushes stores). */
  stop: () => Promise<void>;
  /** Ends the process with this exit code. */
  exit: (code: number) => void;
  log: {
    info: (fields: { signal: string }, message: string) => void;
    warn: (fields: { signal: string }, message: string) => void;
    error: (fields: { err: unknown }, message: string) => void;
  };
}

/**
 * The handler for SIGINT and SIGTERM of a long-running Inflow process: the first signal stops
 * cleanly and exits 0 (1 if stopping failed); a second one, for an operator who will not wait,
 * exits 1 at once.
 */
export function gracefulStop({ stop, exit, log }: GracefulStopOptions): (signal: string) => void {
  let signals = 0;
  return (signal) => {
    signals += 1;
    if (signals > 1) {
      log.warn({ signal }, 'second signal: exiting without a clean stop');
      exit(1);
      return;
    }
    log.info({ signal }, 'stopping');
    stop().then(
      () => exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'could not stop cleanly');
        exit(1);
      },
    );
  };
}
