import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  placeGraph,
  validateGraph,
  type GraphDocument,
  type PlacementAgent,
} from '@inflow/shared-core';
import {
  placementInstance,
  randomPlacementCase,
  SMALL_CASE,
  type NodeAssignment,
  type PlacementInstance,
} from '@inflow/shared-core/testing/placement';
import type { Goal, Row } from '../core/harness.js';
import { bestRows, renderGoals, renderTable } from '../core/table.js';
import { firstFit, randomPlacement, roundRobin } from './baselines.js';

// `npm run bench:placement`: Inflow's placement against round-robin, random, greedy first-fit and
// the exhaustive optimum, on the random DAGs and the examples; solve times at 100 and
// 1,000 nodes. Prints a table and the goals, writes bench/results/placement.json.

const GRAPHS = 50;
const RANDOM_SEEDS = 100;
const rows: Row[] = [];
const goals: Goal[] = [];
const row = (workload: string, system: string, metric: string, value: number, unit: string) =>
  rows.push({ workload, system, metric, value, unit });

type System = [name: string, place: (i: PlacementInstance, c: Case) => NodeAssignment | undefined];
interface Case {
  graph: GraphDocument;
  agents: PlacementAgent[];
  rates: Record<string, number>;
}

const inflow = (_: PlacementInstance, c: Case) => {
  const placed = placeGraph(c.graph, c.agents, { rates: c.rates });
  return placed.ok ? placed.placement.nodes : undefined;
};
const SYSTEMS: System[] = [
  ['inflow', inflow],
  ['inflow, heuristic alone', (i) => i.heuristic()],
  ['greedy first-fit', (i) => firstFit(i)],
  ['round-robin', (i) => roundRobin(i)],
];

/** The mean traffic of random placements over seeds 1..n, or undefined if one cannot fit. */
function randomMean(instance: PlacementInstance, n: number): number | undefined {
  let sum = 0;
  for (let seed = 1; seed <= n; seed++) {
    const assignment = randomPlacement(instance, seed);
    if (!assignment) return undefined;
    sum += instance.traffic(assignment);
  }
  return sum / n;
}

function instanceOf(c: Case): PlacementInstance {
  const instance = placementInstance(c.graph, c.agents, c.rates);
  if ('problems' in instance) throw new Error(JSON.stringify(instance.problems));
  return instance;
}

function smallGraphs(): void {
  const workload = `${GRAPHS} random DAGs, 6-12 operators, 2-4 agents`;
  const ratios = new Map<string, number[]>();
  const add = (system: string, r: number) => ratios.set(system, [...(ratios.get(system) ?? []), r]);
  let worseThanRoundRobin = 0;
  let exhaustiveMs = 0;
  let inflowMs = 0;
  for (let seed = 1; seed <= GRAPHS; seed++) {
    const c = randomPlacementCase(seed, SMALL_CASE);
    const instance = instanceOf(c);
    let t = performance.now();
    const optimum = instance.exhaustive().traffic;
    exhaustiveMs += performance.now() - t;
    add('optimum (exhaustive)', 1);
    const traffic = new Map<string, number>();
    for (const [name, place] of SYSTEMS) {
      t = performance.now();
      const assignment = place(instance, c);
      if (name === 'inflow') inflowMs += performance.now() - t;
      if (!assignment) throw new Error(`${name} could not place case ${seed}`);
      traffic.set(name, instance.traffic(assignment));
      add(name, instance.traffic(assignment) / optimum);
    }
    const random = randomMean(instance, RANDOM_SEEDS);
    if (random !== undefined) add(`random (mean of ${RANDOM_SEEDS} seeds)`, random / optimum);
    if ((traffic.get('inflow') ?? 0) > (traffic.get('round-robin') ?? 0) + 1e-9) {
      worseThanRoundRobin++;
    }
  }
  for (const [system, list] of ratios) {
    const mean = list.reduce((a, b) => a + b, 0) / list.length;
    row(workload, system, 'traffic over optimum, mean', (mean - 1) * 100, '%');
    row(workload, system, 'traffic over optimum, worst', (Math.max(...list) - 1) * 100, '%');
  }
  row(workload, 'inflow', 'solve time per graph, mean', inflowMs / GRAPHS, 'ms');
  row(workload, 'optimum (exhaustive)', 'solve time per graph, mean', exhaustiveMs / GRAPHS, 'ms');
  const inflowRatios = ratios.get('inflow') ?? [];
  const mean = inflowRatios.reduce((a, b) => a + b, 0) / inflowRatios.length;
  goals.push({
    workload,
    text: 'mean traffic within 4% of the exhaustive optimum',
    met: mean <= 1.04,
    detail: `${((mean - 1) * 100).toFixed(2)}% over`,
  });
  goals.push({
    workload,
    text: 'never more traffic than round-robin',
    met: worseThanRoundRobin === 0,
    detail: `worse on ${worseThanRoundRobin} of ${GRAPHS} graphs`,
  });
}

const NPM_START_AGENTS: PlacementAgent[] = [
  { name: 'client-1', labels: { role: 'client' }, trusted: false },
  { name: 'client-2', labels: { role: 'client' }, trusted: false },
  { name: 'server-1', labels: { role: 'server' }, trusted: true },
];

function example(file: string): void {
  const path = fileURLToPath(new URL(`../../examples/${file}`, import.meta.url));
  const checked = validateGraph(JSON.parse(readFileSync(path, 'utf8')));
  if (!checked.ok) throw new Error(`${file} does not validate`);
  const c: Case = { graph: checked.graph, agents: NPM_START_AGENTS, rates: {} };
  const instance = instanceOf(c);
  const workload = `${file} on the 3 agents of npm start (estimated rates)`;
  const optimum = instance.exhaustive().traffic;
  row(workload, 'optimum (exhaustive)', 'traffic', optimum, 'B/s');
  for (const [name, place] of SYSTEMS) {
    const assignment = place(instance, c);
    if (assignment) row(workload, name, 'traffic', instance.traffic(assignment), 'B/s');
  }
  const random = randomMean(instance, RANDOM_SEEDS);
  if (random !== undefined)
    row(workload, `random (mean of ${RANDOM_SEEDS} seeds)`, 'traffic', random, 'B/s');
}

function solveTime(operators: number, agents: number, runs: number): void {
  const c = randomPlacementCase(7, {
    operators: [operators, operators],
    agents: [agents, agents],
    pins: [operators / 100, operators / 50],
    slack: 1.25,
  });
  const workload = `${c.graph.nodes.length} nodes (${operators} operators) on ${agents} agents`;
  placeGraph(c.graph, c.agents, { rates: c.rates });
  const times: number[] = [];
  let traffic = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const placed = placeGraph(c.graph, c.agents, { rates: c.rates });
    times.push(performance.now() - t);
    if (!placed.ok) throw new Error(`cannot place ${workload}`);
    traffic = placed.placement.traffic;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? NaN;
  const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? NaN;
  row(workload, 'inflow', 'solve time, median', median, 'ms');
  row(workload, 'inflow', 'solve time, p95', p95, 'ms');
  const instance = instanceOf(c);
  row(workload, 'inflow', 'traffic', traffic, 'B/s');
  for (const [name, place] of SYSTEMS.slice(2)) {
    const assignment = place(instance, c);
    if (assignment) row(workload, name, 'traffic', instance.traffic(assignment), 'B/s');
  }
  const random = randomMean(instance, 10);
  if (random !== undefined) row(workload, 'random (mean of 10 seeds)', 'traffic', random, 'B/s');
  const limit = operators <= 100 ? 50 : 1000;
  goals.push({
    workload,
    text: `placed in under ${limit} ms`,
    met: p95 < limit,
    detail: `median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${runs} runs`,
  });
}

const cpus = os.cpus();
console.log('Inflow placement benchmark (bench/placement)');
console.log(
  `node ${process.version} | ${cpus[0]?.model ?? 'unknown cpu'} | ${cpus.length} cores | ` +
    `${os.platform()} ${os.arch()}`,
);
console.log(
  "Traffic is the bytes/s the hub forwards to agents under the engine's cost model (every holder " +
    'of a state receives each delta), with random per-state rates (10 B/s-10 kB/s) as if measured.\n',
);
const started = performance.now();
smallGraphs();
example('ad-counter.json');
example('leaderboard.json');
solveTime(100, 10, 30);
solveTime(1000, 100, 10);

// The optimum is the yardstick, not a rival; less traffic and less time are better.
const ranked = (r: Row) => r.system !== 'optimum (exhaustive)' && !r.metric.startsWith('solve');
console.log(
  renderTable(
    rows,
    bestRows(rows, ranked, () => false),
  ),
);
console.log('\nGoals (from issue 4; reported, never asserted)');
console.log(renderGoals(goals));
console.log(`\nTotal time ${((performance.now() - started) / 1000).toFixed(1)} s`);
const out = fileURLToPath(new URL('../results/placement.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
writeFileSync(out, JSON.stringify(rows, null, 2) + '\n');
console.log(`Wrote ${out}`);
