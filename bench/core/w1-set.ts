import {
  check,
  fmt,
  ratio,
  runTrials,
  type BenchConfig,
  type Goal,
  type Metrics,
  type Row,
  type WorkloadResult,
} from './harness.js';
import { automergeBackendSet, automergeSet } from './systems/automerge.js';
import { collabsSet } from './systems/collabs.js';
import { deltaCrdtsSet } from './systems/delta-crdts.js';
import { inflowAwSet, inflowOrSet } from './systems/inflow.js';
import type { SetSystem } from './systems/types.js';
import { yjsSet, yjsSetBatched } from './systems/yjs.js';

export const W1 = 'W1 add-wins set';

export const ADDS = 'adds/s';
export const ADDS_WIRE = 'adds/s, delta→bytes';
const BYTES_PER_ELEM = 'state bytes/elem';

/** Replica A adds e0..e(n-1), replica B e(n/2)..e(3n/2-1): half of each replica's adds overlap. */
function elementIds(n: number): [string[], string[]] {
  const a = Array.from({ length: n }, (_, i) => `e${i}`);
  const b = Array.from({ length: n }, (_, i) => `e${i + n / 2}`);
  return [a, b];
}

function systemsFor(config: BenchConfig): SetSystem[] {
  return [
    inflowAwSet,
    inflowOrSet,
    yjsSet,
    yjsSetBatched,
    { ...automergeSet, maxPerReplica: config.quick ? 1_000 : 4_000 },
    automergeBackendSet,
    collabsSet,
    { ...deltaCrdtsSet, maxPerReplica: config.quick ? 200 : 500 },
  ];
}

function measure(config: BenchConfig, system: SetSystem, n: number, encode: boolean): Metrics {
  const [a, b] = elementIds(n);
  const [warmA, warmB] = elementIds(Math.min(n, 2_000));
  return runTrials(
    config,
    `${system.name}${encode ? ' (deltas encoded)' : ''}, n=${n}`,
    () => {
      const t = system.trial(a, b, encode);
      if (!system.addsOnly) check(t.size === (3 * n) / 2, `${system.name}: ${t.size} elements`);
      return { ...t };
    },
    () => system.trial(warmA, warmB, encode),
    Math.min(config.trials, system.trials ?? config.trials),
  );
}

export function runW1(config: BenchConfig): WorkloadResult {
  const n = config.quick ? 20_000 : 100_000;
  const rows: Row[] = [];
  const notes: string[] = [];
  const incomparable = new Set<string>();
  const unranked = new Set<Row>();
  config.log(`${W1}: 2 replicas × ${n} adds (50% overlap), then merge both ways`);

  for (const system of systemsFor(config)) {
    const perReplica = Math.min(n, system.maxPerReplica ?? n);
    const name =
      perReplica < n
        ? `${system.name} [n=${perReplica.toLocaleString('en-US')}/replica, not extrapolated]`
        : system.name;
    if (system.addsOnly) incomparable.add(name);
    const row = (metric: string, value: number, unit: string) => {
      const r = { workload: W1, system: name, metric, value, unit };
      rows.push(r);
      // Absolute times over fewer elements are not comparable; per-op and per-element ones are.
      if (system.addsOnly || (perReplica < n && unit === 'ms')) unranked.add(r);
    };

    const m = measure(config, system, perReplica, false);
    const adds = (2 * perReplica) / ((m.addMs ?? Number.NaN) / 1000);
    row(ADDS, adds, 'ops/s');
    if (system.addsOnly) continue;
    const wire = system.objectDeltas ? measure(config, system, perReplica, true) : m;
    row(ADDS_WIRE, (2 * perReplica) / ((wire.addMs ?? Number.NaN) / 1000), 'ops/s');
    row('delta bytes/add', (wire.deltaBytes ?? Number.NaN) / (2 * perReplica), 'B');
    row('merge', m.mergeMs ?? Number.NaN, 'ms');
    row('sync via bytes', m.syncMs ?? Number.NaN, 'ms');
    row(BYTES_PER_ELEM, (m.stateBytes ?? Number.NaN) / ((3 * perReplica) / 2), 'B/elem');
    if (perReplica < n) {
      notes.push(
        `${system.name} ran on ${perReplica} adds per replica: its per-add cost grows with the ` +
          `set size, so its figures are measured there and NOT extrapolated (they flatter it).`,
      );
    }
  }
  notes.push(
    'adds/s: each add is its own operation producing its own delta (Inflow: mutate + mergeInto; ' +
      'Yjs: one transaction per set, with an update listener; Automerge: one change + ' +
      'getLastLocalChange; Collabs: one transact per add; delta-crdts: replica.add). ' +
      '"delta→bytes" additionally encodes each delta object to bytes (Inflow encodeState, ' +
      'delta-crdts msgpack codec); Yjs, Automerge and Collabs emit bytes natively, so both ' +
      'metrics come from the same run for them.',
    'merge: each replica merges the other pre-merge replica with its merge primitive (in memory ' +
      'for Inflow, Automerge and delta-crdts; Yjs and Collabs merge only through bytes, so theirs ' +
      'includes encoding). "sync via bytes": both full states encoded, decoded and merged.',
    'Yjs and Automerge store a map element → true: LWW per key, not add-wins semantics.',
  );
  return { rows, goals: goals(rows, incomparable), notes, unranked };
}

function goals(rows: Row[], incomparable: ReadonlySet<string>): Goal[] {
  const value = (system: string, metric: string) =>
    rows.find((r) => r.system === system && r.metric === metric)?.value ?? Number.NaN;
  const peers = [...new Set(rows.map((r) => r.system))].filter(
    (s) => !s.startsWith('inflow') && !incomparable.has(s),
  );
  const best = (metric: string, pick: (a: number, b: number) => boolean) =>
    peers.reduce<[string, number]>(
      (acc, s) => (pick(value(s, metric), acc[1]) ? [s, value(s, metric)] : acc),
      ['none', Number.NaN],
    );
  const faster = (a: number, b: number) => Number.isNaN(b) || a > b;
  const smaller = (a: number, b: number) => Number.isNaN(b) || a < b;

  const result: Goal[] = [];
  for (const metric of [ADDS, ADDS_WIRE]) {
    const mine = value('inflow awset', metric);
    const [peer, theirs] = best(metric, faster);
    result.push({
      workload: W1,
      text: `inflow awset ${metric} ≥ 2× the fastest per-op peer`,
      met: mine >= 2 * theirs,
      detail: `${fmt(mine)} vs ${peer} ${fmt(theirs)} ops/s = ${ratio(mine, theirs)}`,
    });
  }
  const mine = value('inflow awset', BYTES_PER_ELEM);
  const [peer, theirs] = best(BYTES_PER_ELEM, smaller);
  result.push({
    workload: W1,
    text: 'inflow awset encoded bytes/element ≤ the smallest peer',
    met: mine <= theirs,
    detail: `${fmt(mine)} vs ${peer} ${fmt(theirs)} B/elem`,
  });
  return result;
}
