import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  check,
  fmt,
  median,
  percentile,
  type Goal,
  type Row,
  type WorkloadResult,
} from '../core/harness.js';
import { adChurn, trafficOf, trafficSince, type Traffic } from './ad-churn.js';
import { burst, type BurstSample } from './burst.js';
import { RuntimeStack, type Ad } from './runtime-stack.js';

export const SYNC_INTERVAL_MS = 50;
const CONVERGE_GOAL_MS = 2 * SYNC_INTERVAL_MS + 50;
const RATE_GOAL = 50_000;
const TRAFFIC_GOAL = 0.05;
const INFLOW = 'inflow';
const FULL = 'full-state sync (model)';

export interface RunConfig {
  clients: number;
  durable: boolean;
  /** Clients log each chunk of updates as one commit (`updateAll`), not one commit each. */
  batch: boolean;
  /** Measured bursts, after warm-up bursts that pass every ad's threshold. */
  bursts: number;
  burstMs: number;
  /** Ads published and withdrawn one at a time after the bursts (the set workload). */
  churnAds: number;
  ads: readonly Ad[];
  log: (line: string) => void;
}

/** Lasp's ad counter: 100 ads, half Rovio, half Riot, each with a contract (as the system test). */
export function adCounterAds(n = 100): Ad[] {
  return Array.from({ length: n }, (_, i) => {
    const advertiser = i % 2 === 0 ? 'Rovio' : 'Riot';
    return { id: `${advertiser.toLowerCase()}-${i}`, advertiser };
  });
}

/** `N client(s), <log mode>`: what a row's workload name says of its configuration. */
export const configName = (c: { clients: number; durable: boolean; batch: boolean }): string =>
  `${c.clients} client${c.clients === 1 ? '' : 's'}, ` +
  `${c.durable ? (c.batch ? 'durable log, group commit' : 'durable log') : 'in-memory log'}`;

export const workloadName = (c: { clients: number; durable: boolean; batch: boolean }): string =>
  `ad counter, ${configName(c)}`;

/**
 * Warm-up bursts of impressions until every ad has passed its threshold, so the 100 exactly-once
 * removals on server-1 are done before anything is measured. Returns the impressions made.
 */
export async function warmUp(stack: RuntimeStack, workload: string, burstMs: number) {
  let total = 0;
  for (let warm = 0; warm < 10 && (await shownAds(stack)) > 0; warm++) {
    total += (await burst(stack, total, Math.min(500, burstMs))).impressions;
  }
  check((await shownAds(stack)) === 0, `${workload}: every ad removed at its threshold`);
  return total;
}

/** One installation with `clients` client agents: bursts, then the bytes of the whole run. */
export async function runAdCounter(config: RunConfig): Promise<WorkloadResult> {
  const workload = workloadName(config);
  config.log(`${workload}: ${config.bursts} bursts of ${config.burstMs} ms after warming up`);
  const dir = await mkdtemp(join(tmpdir(), 'inflow-bench-runtime-'));
  const started = performance.now();
  let stack: RuntimeStack | undefined;
  try {
    stack = await RuntimeStack.start({ ...config, dir });
    let total = await warmUp(stack, workload, config.burstMs);
    const beforeBursts = trafficOf(stack);
    const samples: BurstSample[] = [];
    for (let i = 0; i < config.bursts; i++) {
      const sample = await burst(stack, total, config.burstMs);
      total += sample.impressions;
      samples.push(sample);
    }
    const bursts = trafficSince(beforeBursts, trafficOf(stack));
    const churn = await adChurn(stack, config.churnAds);
    const view = await stack.view();
    check(RuntimeStack.impressions(view) === total, `the hub counts ${total} impressions`);
    check(
      Object.values(view.variables).every((v) => v.agree),
      `${workload}: every variable's replicas agree at the end`,
    );
    const shown = view.variables.adsWithContracts?.value;
    check(
      Array.isArray(shown) && shown.length === 0,
      `${workload}: every ad was removed at its threshold or withdrawn`,
    );
    if (stack.meter.error) throw stack.meter.error;
    const relayed = await hubBytesRelayed(stack);
    let down = 0;
    for (const t of stack.model.traffic.values()) down += t.deltaBytesDown;
    // The hub's counter covers its forwards of agents' deltas; the meter also sees the hub's
    // answers to digests and its forwards of REST operations, so it can only see more.
    check(relayed <= down, `${workload}: hub relayed ${relayed} B, the meter saw ${down} B`);
    const traffic = { whole: trafficOf(stack), bursts, churn };
    const result = report(config, workload, samples, traffic, relayed);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    config.log(`  ${workload}: ${samples.length} burst(s), ${total} impressions, ${seconds} s`);
    return result;
  } finally {
    await stack?.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

async function shownAds(stack: RuntimeStack): Promise<number> {
  const shown = (await stack.view()).variables.adsWithContracts?.value;
  return Array.isArray(shown) ? shown.length : Number.NaN;
}

/** `inflow_bytes_relayed_total` from the control plane's Prometheus endpoint. */
async function hubBytesRelayed(stack: RuntimeStack): Promise<number> {
  const res = await stack.api.call('GET', '/metrics');
  const text = await res.text();
  const match = /^inflow_bytes_relayed_total (\d+(?:\.\d+)?)$/m.exec(text);
  if (!res.ok || !match?.[1]) throw new Error('no inflow_bytes_relayed_total in /metrics');
  return Number(match[1]);
}

/** Full-state wire bytes: what was measured, each delta payload replaced by its full state. */
const fullWire = (t: Traffic) =>
  t.wire - t.setsDelta - t.impressionsDelta + t.setsFull + t.impressionsFull;
const pct = (a: number, b: number) => (100 * a) / b;

function report(
  config: RunConfig,
  workload: string,
  samples: readonly BurstSample[],
  traffic: { whole: Traffic; bursts: Traffic; churn: Traffic },
  relayed: number,
): WorkloadResult {
  const rows: Row[] = [];
  const row = (system: string, metric: string, value: number, unit: string) =>
    rows.push({ workload, system, metric, value, unit });
  const rate = median(samples.map((s) => s.impressions / (s.endToEndMs / 1000)));
  const every = samples.map((s) => Math.max(s.hubMs, s.serverMs, ...s.clientsMs));
  const perClient = samples.flatMap((s) => s.clientsMs);
  const agree = samples.map((s) => s.viewAgreeMs);
  row(INFLOW, 'impressions/s end to end', rate, 'ops/s');
  row(
    INFLOW,
    'impressions/s applied at clients',
    median(samples.map((s) => s.impressions / (s.clientMs / 1000))),
    'ops/s',
  );
  row(INFLOW, 'impressions per burst', median(samples.map((s) => s.impressions)), 'ops');
  row(INFLOW, 'converge p50, every replica', percentile(every, 0.5), 'ms');
  row(INFLOW, 'converge p99, every replica', percentile(every, 0.99), 'ms');
  row(INFLOW, 'converge p50, one client replica', percentile(perClient, 0.5), 'ms');
  row(INFLOW, 'converge p99, one client replica', percentile(perClient, 0.99), 'ms');
  row(
    INFLOW,
    'converge p50, hub',
    percentile(
      samples.map((s) => s.hubMs),
      0.5,
    ),
    'ms',
  );
  row(INFLOW, 'converge p50, REST view agrees', percentile(agree, 0.5), 'ms');
  row(INFLOW, 'converge p99, REST view agrees', percentile(agree, 0.99), 'ms');

  const { whole, bursts, churn } = traffic;
  const pair = (metric: string, delta: number, full: number) => {
    row(INFLOW, metric, delta, 'B');
    row(FULL, metric, full, 'B');
  };
  pair('wire bytes, whole run', whole.wire, fullWire(whole));
  pair('payload bytes, impression bursts', bursts.impressionsDelta, bursts.impressionsFull);
  pair('payload bytes, ad churn', churn.setsDelta, churn.setsFull);
  pair('wire bytes, ad churn', churn.wire, fullWire(churn));
  row(INFLOW, 'hub bytes relayed (/metrics)', relayed, 'B');
  row(INFLOW, 'whole run wire vs full-state', pct(whole.wire, fullWire(whole)), '%');
  row(
    INFLOW,
    'impression bursts payload vs full-state',
    pct(bursts.impressionsDelta, bursts.impressionsFull),
    '%',
  );
  const churnRatio = churn.setsDelta / churn.setsFull;
  row(INFLOW, 'ad churn payload vs full-state', 100 * churnRatio, '%');
  row(INFLOW, 'ad churn wire vs full-state', pct(churn.wire, fullWire(churn)), '%');

  const p50 = percentile(every, 0.5);
  const p99 = percentile(every, 0.99);
  const wholeRatio = whole.wire / fullWire(whole);
  const goals: Goal[] = [
    {
      workload,
      text: `≥ ${fmt(RATE_GOAL)} impressions/s through one hub`,
      met: rate >= RATE_GOAL,
      detail: `${fmt(rate)}/s end to end (median of ${samples.length} bursts)`,
    },
    {
      workload,
      text: `every replica agrees within 2 × ${SYNC_INTERVAL_MS} ms + 50 ms = ${CONVERGE_GOAL_MS} ms`,
      met: p99 <= CONVERGE_GOAL_MS,
      detail: `p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms after the last impression (${samples.length} bursts)`,
    },
    {
      workload,
      text: `delta traffic ≤ ${TRAFFIC_GOAL * 100}% of full-state on the set workload (ad churn)`,
      met: churnRatio <= TRAFFIC_GOAL,
      detail:
        `${fmt(100 * churnRatio)}% of payload (${fmt(churn.setsDelta)} B vs ` +
        `${fmt(churn.setsFull)} B), ${fmt(pct(churn.wire, fullWire(churn)))}% on the wire`,
    },
    {
      workload,
      text: `(stricter reading) delta traffic ≤ ${TRAFFIC_GOAL * 100}% of full-state, whole run, wire`,
      met: wholeRatio <= TRAFFIC_GOAL,
      detail: `${fmt(100 * wholeRatio)}% (${fmt(whole.wire)} B vs ${fmt(fullWire(whole))} B)`,
    },
  ];
  return { rows, goals, notes: [] };
}
