import type { DeploymentSnapshot } from '@inflow/shared-core';

/** The magnitudes of every variable at one moment. */
export interface Sample {
  at: number;
  values: Readonly<Record<string, number>>;
}

/** What the canvas shows of a deployment's live state, derived from successive snapshots. */
export interface Monitor {
  snapshot: DeploymentSnapshot | undefined;
  /** The most recent samples, oldest first (at most SERIES_POINTS). */
  samples: readonly Sample[];
  /** Per variable: its magnitude at each sample, for a sparkline. */
  series: Readonly<Record<string, readonly number[]>>;
  /** Per variable: how fast its magnitude moved over the last RATE_WINDOW_MS, per second. */
  rates: Readonly<Record<string, number>>;
}

export const SERIES_POINTS = 40;
export const RATE_WINDOW_MS = 3000;
/** Without a snapshot for this long, the last one is sampled again so rates fall to zero. */
export const TICK_MS = 1000;

export const EMPTY_MONITOR: Monitor = { snapshot: undefined, samples: [], series: {}, rates: {} };

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * One number for a value, to plot and to differentiate: a counter's count, a set's (or a top-K
 * list's) size, a map of counters' total (else its number of keys), a flag as 0 or 1.
 */
export function magnitude(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value)) return value.length;
  if (isRecord(value)) {
    const values = Object.values(value);
    return values.length > 0 && values.every((v) => typeof v === 'number')
      ? (values as number[]).reduce((a, b) => a + b, 0)
      : values.length;
  }
  return 0;
}

/** The index of the first sample a rate at `now` reads: the last one before the window, if any. */
function windowStart(samples: readonly Sample[], now: number): number {
  let start = samples.length - 1;
  while (start > 0 && (samples[start]?.at ?? 0) > now - RATE_WINDOW_MS) start -= 1;
  return start;
}

/**
 * Movement per second: the sum of absolute steps between the samples of the last window (and
 * the one just before it, so two samples a second apart still give a rate), over the time they
 * span. A set that gains one element and loses another moved by two.
 */
function rateOf(samples: readonly Sample[], start: number, id: string, now: number): number {
  const first = samples[start];
  if (!first || start >= samples.length - 1) return 0;
  let moved = 0;
  let a = first.values[id];
  for (let i = start + 1; i < samples.length; i += 1) {
    const b = samples[i]?.values[id];
    if (a !== undefined && b !== undefined) moved += Math.abs(b - a);
    a = b;
  }
  const span = (now - first.at) / 1000;
  return span > 0 ? moved / span : 0;
}

/** `list` with `item` appended, at most SERIES_POINTS long: one copy, as it runs per variable. */
function appended<T>(list: readonly T[] | undefined, item: T): T[] {
  if (!list) return [item];
  const next = list.slice(Math.max(0, list.length + 1 - SERIES_POINTS));
  next.push(item);
  return next;
}

/**
 * A local variable's magnitude: the sum over the copies its agents reported, so an operator fed
 * by it still shows what flows in. None while a copy is reported by its size only.
 */
function localMagnitude(copies: DeploymentSnapshot['local'][string]): number | undefined {
  let sum = 0;
  for (const copy of Object.values(copies)) {
    if (!('value' in copy)) return undefined;
    sum += magnitude(copy.value);
  }
  return sum;
}

function sampled(monitor: Monitor, snapshot: DeploymentSnapshot, now: number): Monitor {
  const values: Record<string, number> = {};
  for (const [id, v] of Object.entries(snapshot.variables)) values[id] = magnitude(v.value);
  const unmeasured: string[] = [];
  for (const [id, copies] of Object.entries(snapshot.local)) {
    const m = localMagnitude(copies);
    if (m === undefined) unmeasured.push(id);
    else values[id] = m;
  }
  const samples = appended(monitor.samples, { at: now, values });
  const start = windowStart(samples, now);
  const series: Record<string, readonly number[]> = {};
  const rates: Record<string, number> = {};
  for (const [id, m] of Object.entries(values)) {
    series[id] = appended(monitor.series[id], m);
    rates[id] = rateOf(samples, start, id, now);
  }
  // A local variable not measured this time keeps its history; the gap counts as no movement.
  for (const id of unmeasured) {
    const before = monitor.series[id];
    if (before) series[id] = before;
    rates[id] = rateOf(samples, start, id, now);
  }
  return { snapshot, samples, series, rates };
}

/** The monitor after a snapshot arrived at `now`. */
export function applySnapshot(
  monitor: Monitor,
  snapshot: DeploymentSnapshot,
  now: number,
): Monitor {
  // Another deployment's history means nothing for this one.
  const base = monitor.snapshot?.deployment === snapshot.deployment ? monitor : EMPTY_MONITOR;
  return sampled(base, snapshot, now);
}

/**
 * The monitor at `now` when nothing arrived: the server sends snapshots only when something
 * changes, so a quiet variable is sampled again at its last value and its rate decays to zero.
 */
export function tickMonitor(monitor: Monitor, now: number): Monitor {
  const last = monitor.samples.at(-1);
  if (!monitor.snapshot || !last || now - last.at < TICK_MS) return monitor;
  return sampled(monitor, monitor.snapshot, now);
}
