// The IPC messages between the runner and its client-worker processes. Times are wall-clock
// milliseconds (`now()`), comparable across processes on one machine.

import type { Score, TopEntry } from './leaderboard-scores.js';

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
  /** Ready once this many deployments run here (the ad counter, and the leaderboard if deployed). */
  deployments: number;
}

/**
 * What a burst updates: `impressions`, the ad counter's replicated gmap (one increment of the
 * next ad), or `scores`, the leaderboard's local (dynamic) awset (one add of the next game).
 */
export type Stream = 'impressions' | 'scores';

export type ToWorker =
  | { type: 'burst'; stream: Stream; startAt: number; durationMs: number }
  | { type: 'total'; total: number; timeoutMs: number }
  /** Check its local copy of `scores` and its `localTop` against its games and `poked`. */
  | { type: 'check-scores'; poked: Score[] }
  | { type: 'stop' };

export type ToRunner =
  | { type: 'ready'; replica: string }
  | { type: 'done'; count: number; startAt: number; lastAt: number }
  /** When its replica first held the total (null: not within the timeout), and its sum now. */
  | { type: 'seen'; at: number | null; sum: number }
  /** Its local copy held every game it recorded and nothing else; its local top K. */
  | { type: 'scores-checked'; elements: number; top: TopEntry[] };

/** Wall-clock time with sub-millisecond resolution. */
export const now = (): number => performance.timeOrigin + performance.now();
