/** One measured figure, as written to bench/results/core.json. */
export interface Row {
  workload: string;
  system: string;
  metric: string;
  value: number;
  unit: string;
}

/** A goal from the issue, evaluated (never asserted) and printed as met / not met. */
export interface Goal {
  workload: string;
  text: string;
  met: boolean;
  detail: string;
}

export interface WorkloadResult {
  rows: Row[];
  goals: Goal[];
  notes: string[];
  /** Rows left out of the best-per-metric marks (a batched variant, a run on a smaller size). */
  unranked?: ReadonlySet<Row>;
  /** False for workloads whose rows are not rival systems (W5 compares one system with itself). */
  comparative?: boolean;
}

export interface BenchConfig {
  quick: boolean;
  /** Measured trials for cheap cases; expensive cases take fewer (see `trialsFor`). */
  trials: number;
  /** A case stops taking trials once it has spent this long (it always takes at least one). */
  caseBudgetMs: number;
  log: (line: string) => void;
}

export type Metrics = Record<string, number>;

/** Nearest-rank percentile (with fewer than 100 samples, p99 is the largest). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length < values.length || sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
}

/** Collects garbage when the runner started Node with --expose-gc, so trials start alike. */
export function collectGarbage(): void {
  globalThis.gc?.();
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Milliseconds that `fn` took, and what it returned. */
export function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

/**
 * Runs `warmUp` once (unmeasured, usually a smaller instance of the same work, to get the JIT
 * going), then `trial` up to `trials` times within the case budget; returns each metric's median.
 */
export function runTrials(
  config: BenchConfig,
  label: string,
  trial: () => Metrics,
  warmUp: () => unknown,
  trials = config.trials,
): Metrics {
  collectGarbage();
  warmUp();
  const samples: Metrics[] = [];
  const start = performance.now();
  do {
    collectGarbage();
    samples.push(trial());
  } while (samples.length < trials && performance.now() - start < config.caseBudgetMs);
  const result: Metrics = {};
  for (const key of Object.keys(samples[0] ?? {})) {
    result[key] = median(samples.map((s) => s[key] ?? Number.NaN));
  }
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  config.log(`  ${label}: ${samples.length} trial(s), ${seconds} s`);
  return result;
}

/** Throws when a benchmark computed a wrong result: a fast wrong answer must not be reported. */
export function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`bench check failed: ${message}`);
}

export const fmt = (n: number): string => {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
};

export const ratio = (a: number, b: number): string => `${fmt(a / b)}×`;
