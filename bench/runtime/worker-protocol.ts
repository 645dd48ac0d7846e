// The IPC messages between the runner and its client-worker processes. Times are wall-clock
// milliseconds (`now()`), comparable across processes on one machine.

export interface WorkerConfig {
  url: string;
  token: string;
  name: string;
  /** The agent's SQLite data dir; absent: its replica log is in memory. */
  dataDir?: string;
  /** The ads it records impressions of, round robin. */
  ads: string[];
  /** Record each chunk with one `updateAll` (one commit), else one `update` (commit) each. */
  batch: boolean;
}

export type ToWorker =
  | { type: 'burst'; startAt: number; durationMs: number }
  | { type: 'total'; total: number; timeoutMs: number }
  | { type: 'stop' };

export type ToRunner =
  | { type: 'ready'; replica: string }
  | { type: 'done'; count: number; startAt: number; lastAt: number }
  /** When its replica first held the total (null: not within the timeout), and its sum now. */
  | { type: 'seen'; at: number | null; sum: number };

/** Wall-clock time with sub-millisecond resolution. */
export const now = (): number => performance.timeOrigin + performance.now();
