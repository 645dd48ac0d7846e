import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Row, WorkloadResult } from '../core/harness.js';
import { bestRows, renderGoals, renderTable } from '../core/table.js';
import { adCounterAds, runAdCounter, SYNC_INTERVAL_MS } from './ad-counter-bench.js';
import { runLeaderboard } from './leaderboard-bench.js';

// `npm run bench:runtime [-- --quick] [-- --clients=1,2] [-- --logs=memory]
// [-- --workloads=leaderboard]`: Lasp's ad counter, and its leaderboard's local updates beside
// the ad counter's replicated ones, on a real control plane and real agent processes over
// loopback sockets. Prints a table and the goals (met / not met), writes
// bench/results/runtime.json.

const WORKLOADS = { 'ad-counter': runAdCounter, leaderboard: runLeaderboard } as const;
const isWorkload = (w: string): w is keyof typeof WORKLOADS => Object.hasOwn(WORKLOADS, w);

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const listArg = (name: string) =>
  args
    .find((a) => a.startsWith(`--${name}=`))
    ?.slice(name.length + 3)
    .split(',');
const clientCounts = (listArg('clients') ?? ['1', '2', '4', '8']).map(Number);
const logs = listArg('logs') ?? ['durable', 'batched', 'memory'];
const workloads = listArg('workloads') ?? Object.keys(WORKLOADS);
const options = ['--clients=', '--logs=', '--workloads='];
const problems = [
  ...args
    .filter((a) => a !== '--quick' && !options.some((o) => a.startsWith(o)))
    .map((a) => `unknown argument ${a}`),
  ...clientCounts
    .filter((n) => !Number.isInteger(n) || n < 1 || n > 16)
    .map((n) => `--clients: ${n} is not a whole number from 1 to 16`),
  ...logs
    .filter((l) => l !== 'durable' && l !== 'batched' && l !== 'memory')
    .map((l) => `--logs: no log mode "${l}" (durable, batched, memory)`),
  ...workloads
    .filter((w) => !isWorkload(w))
    .map((w) => `--workloads: no workload "${w}" (${Object.keys(WORKLOADS).join(', ')})`),
];
if (problems.length > 0) {
  console.error(
    `${problems.join('\n')}\nusage: run.ts [--quick] [--clients=1,2,4,8] ` +
      '[--logs=durable,batched,memory] [--workloads=ad-counter,leaderboard]',
  );
  process.exit(2);
}

const bursts = quick ? 3 : 8;
const burstMs = quick ? 500 : 1_000;
const churnAds = quick ? 5 : 20;
const ads = adCounterAds();
const log = (line: string) => console.error(line);

const cpus = os.cpus();
console.log('Inflow runtime benchmark (bench/runtime)');
console.log(
  `node ${process.version} | ${cpus[0]?.model ?? 'unknown cpu'} | ${cpus.length} cores | ` +
    `${os.platform()} ${os.arch()} | ${quick ? 'quick' : 'full'} run | sync interval ` +
    `${SYNC_INTERVAL_MS} ms (the agent default)`,
);
console.log(
  `Each configuration: a fresh control plane, server-1 and N client processes; ${bursts} ` +
    `bursts of ${burstMs} ms after warming up (leaderboard: ${bursts} of local updates too, ` +
    'taking turns with them). Rates are medians over bursts.\n',
);

const started = performance.now();
const results: WorkloadResult[] = [];
for (const mode of logs) {
  const durable = mode !== 'memory';
  const batch = mode === 'batched';
  for (const clients of clientCounts) {
    for (const workload of workloads.filter(isWorkload)) {
      const run = WORKLOADS[workload];
      results.push(await run({ clients, durable, batch, bursts, burstMs, churnAds, ads, log }));
    }
  }
}

const rows: Row[] = results.flatMap((r) => r.rows);
const unranked = new Set(results.flatMap((r) => [...(r.unranked ?? [])]));
console.log(
  renderTable(
    rows,
    bestRows(rows, (row) => !unranked.has(row)),
  ),
);
console.log('\nNotes');
for (const note of notes()) console.log(`- ${note}`);
console.log('\nGoals (from the issue; reported, never asserted)');
const goals = results.flatMap((r) => r.goals);
console.log(goals.length > 0 ? renderGoals(goals) : '(none for these workloads)');
console.log(`\nTotal time ${((performance.now() - started) / 1000).toFixed(0)} s`);

const out = fileURLToPath(new URL('../results/runtime.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
writeFileSync(out, JSON.stringify(rows, null, 2) + '\n');
console.log(`Wrote ${out}`);

function notes(): string[] {
  return [
    ...(workloads.includes('leaderboard') ? leaderboardNotes() : []),
    `${ads.length} ads (half Rovio, half Riot) and their contracts are seeded at the hub; each ` +
      'client records impressions round robin over all of them as fast as it can, yielding to ' +
      'its event loop every 128 updates (an ad removed at 100 impressions keeps being counted: ' +
      'the load is the impression stream). Warm-up bursts of 500 ms run until every ad has ' +
      'passed its threshold, so the 100 exactly-once removals on server-1 happen there.',
    `All ${cpus.length} cores are shared by the control plane, server-1, every client process ` +
      'and the runner (which proxies and decodes all agent traffic and polls the REST view).',
    'durable log: each client update is one SQLite commit (WAL, synchronous=FULL) before it ' +
      'returns; group commit: each chunk of 128 updates is one updateAll, one commit; ' +
      'in-memory log: no dataDir. server-1 and the control plane always use SQLite.',
    "impressions/s end to end: a burst's impressions / time from its common start until the " +
      "hub's count (GET /api/deployments/:id, polled every 5 ms) holds them all.",
    'converge, every replica: from the last impression of a burst until the last of: the hub ' +
      '(REST view, every 5 ms), every client replica (its own subscribe on impressions sees ' +
      'the total) and server-1 (the proxy sees it acknowledge the last impressions delta the ' +
      'hub sent it; an agent acks a delta once merged). With 1 client its own replica holds ' +
      'the total at its last impression (0 ms). p99 is nearest-rank: with fewer than 100 ' +
      'bursts it is the slowest burst.',
    'converge, REST view agrees: until every variable shows agree: true. That also waits for ' +
      "each agent's next metrics report (every 1,000 ms by default) to say nothing is unacked, " +
      'so it measures the reporting interval more than the replication.',
    'Bytes: agents ↔ hub, counted by a TCP proxy every agent connects through (HTTP upgrade, ' +
      'WebSocket frames, socket.io packets: deltas, acks, digests, heartbeats, metrics). ' +
      "full-state sync (model): the same messages, each delta replaced by the sender's whole " +
      'state of its variable at that moment (every replica rebuilt from the deltas seen on ' +
      'the wire); its wire bytes = measured wire − delta payloads + full-state payloads.',
    'whole run: connect, deploy, seeding, warm-up, bursts and churn. impression bursts: the ' +
      'measured bursts only (the gmap of gcounters; every ad changes in every sync interval, ' +
      "so a delta is one replica's entry per ad against all replicas' entries: ≈ 1/N of the " +
      'state). ad churn (the set workload): after the bursts, ' +
      'ads published and withdrawn one at a time at the hub (add the ad and its contract, ' +
      'wait until shown, remove it, wait until gone); payload of the set variables (rovioAds, ' +
      "riotAds, contracts and the operators' outputs ads, adsContracts, adsWithContracts).",
  ];
}

function leaderboardNotes(): string[] {
  return [
    'leaderboard vs ad counter: examples/leaderboard.json deployed beside the ad counter on the ' +
      'same processes. Each client adds finished games {player, score} to its own copy of the ' +
      'local (dynamic) awset scores, with update or updateAll as its log mode says: the path ' +
      "an agent's update and the editor's poke at an agent take, logged before it returns and " +
      'never sent; a fold keeps its local top 3, bound into the replicated leaderboard. Every ' +
      'score differs, so each add is a new element. These bursts take turns with bursts of ' +
      'impressions (measured as in the ad counter rows), each going first every other round.',
    "updates/s applied at clients: a burst's updates / time from its common start until the " +
      "last client's last update returned. A local copy's log gets a snapshot of the whole set " +
      'once the deltas since the last weigh as much, so snapshots cost about what was logged; ' +
      'read the rate with games in one client copy at the end. local vs replicated compares an add to a growing set with an ' +
      'increment of a 100-key gmap, the two examples as they are, not one type kept two ways.',
    'Checked before a leaderboard row is reported: one game poked in at each client through ' +
      'the control plane (POST …/variables/scores/ops naming the agent); each client copy holds ' +
      "exactly the games it added and that one, its localTop is their top 3, the hub's " +
      "leaderboard the top 3 of all of them, and the hub's impressions count their total.",
  ];
}
