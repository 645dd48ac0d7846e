import {
  check,
  fmt,
  runTrials,
  type BenchConfig,
  type Goal,
  type Row,
  type WorkloadResult,
} from './harness.js';
import { automergeCounter } from './systems/automerge.js';
import { collabsCounter } from './systems/collabs.js';
import { deltaCrdtsGCounter, deltaCrdtsPNCounter } from './systems/delta-crdts.js';
import { inflowGCounter, inflowPNCounter } from './systems/inflow.js';
import type { CounterSystem } from './systems/types.js';

export const W2 = 'W2 counter fan-in';

const TOTAL = 'total (increments + merge)';
const SIZE = 'final state';
const REPLICAS = 100;

function systemsFor(config: BenchConfig): CounterSystem[] {
  return [
    inflowGCounter,
    inflowPNCounter,
    deltaCrdtsGCounter,
    deltaCrdtsPNCounter,
    collabsCounter,
    { ...automergeCounter, maxPerReplica: config.quick ? 100 : 500 },
  ];
}

export function runW2(config: BenchConfig): WorkloadResult {
  const perReplica = config.quick ? 1_000 : 10_000;
  const rows: Row[] = [];
  const notes: string[] = [];
  config.log(`${W2}: ${REPLICAS} replicas × ${perReplica} increments, then merge all into one`);

  for (const system of systemsFor(config)) {
    const per = Math.min(perReplica, system.maxPerReplica ?? perReplica);
    const scale = perReplica / per;
    const name =
      scale > 1
        ? `${system.name} [extrapolated from ${REPLICAS}×${per.toLocaleString('en-US')}]`
        : system.name;
    const m = runTrials(
      config,
      `${system.name}, ${REPLICAS}×${per}`,
      () => {
        const t = system.trial(REPLICAS, per);
        check(t.value === REPLICAS * per, `${system.name}: counted ${t.value}`);
        return { ...t };
      },
      () => system.trial(10, Math.min(per, 1_000)),
    );
    const incrementMs = m.incrementMs ?? Number.NaN;
    const mergeMs = m.mergeMs ?? Number.NaN;
    const row = (metric: string, value: number, unit: string) =>
      rows.push({ workload: W2, system: name, metric, value, unit });
    row(TOTAL, (incrementMs + mergeMs) * scale, 'ms');
    row('merge', mergeMs * scale, 'ms');
    row('increments/s', (REPLICAS * per) / (incrementMs / 1000), 'ops/s');
    row(SIZE, m.stateBytes ?? Number.NaN, 'B');
    if (scale > 1) {
      notes.push(
        `${system.name}: ${REPLICAS}×${per} increments measured; times scaled ×${scale} linearly ` +
          `to ${REPLICAS}×${perReplica}. Its per-change cost grows with history, so the real ` +
          `figure is higher. increments/s and the state size are as measured at ${REPLICAS}×${per} ` +
          `(history only grows, so the real size is at least that).`,
      );
    }
  }
  notes.push(
    'merge: one hub replica merges the 100 replicas. Inflow and delta-crdts join states in ' +
      'memory; Collabs merges only through saved state, so its merge includes save(); Automerge ' +
      'merges documents (applying their changes).',
  );
  return { rows, goals: goals(rows), notes };
}

function goals(rows: Row[]): Goal[] {
  const of = (metric: string, inflow: boolean) =>
    rows
      .filter((r) => r.metric === metric && r.system.startsWith('inflow') === inflow)
      .sort((a, b) => a.value - b.value);
  const show = (list: Row[], unit: string) =>
    list.map((r) => `${r.system} ${fmt(r.value)} ${unit}`).join(', ');
  const result: Goal[] = [];
  for (const [metric, unit, what] of [
    [TOTAL, 'ms', 'fastest (total time)'],
    [SIZE, 'B', 'smallest (encoded final state)'],
  ] as const) {
    const mine = of(metric, true);
    const peers = of(metric, false);
    const worstMine = mine[mine.length - 1];
    const bestPeer = peers[0];
    result.push({
      workload: W2,
      text: `every Inflow counter ${what} vs every peer`,
      met: worstMine !== undefined && bestPeer !== undefined && worstMine.value <= bestPeer.value,
      detail: `${show(mine, unit)}; best peer: ${bestPeer ? show([bestPeer], unit) : 'none'}`,
    });
  }
  return result;
}
