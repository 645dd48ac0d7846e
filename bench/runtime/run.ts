import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Row, WorkloadResult } from '../core/harness.js';
import { bestRows, renderGoals, renderTable } from '../core/table.js';
import { adCounterAds, runAdCounter, SYNC_INTERVAL_MS } from './ad-counter-bench.js';

// `npm run bench:runtime [-- --quick] [-- --clients=1,2] [-- --logs=memory]`: Lasp's ad counter
// on a real control plane and real agent processes over loopback sockets. Prints a table and
// the goals (met / not met), writes bench/results/runtime.json.

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const listArg = (name: string) =>
  args
    .find((a) => a.startsWith(`--${name}=`))
    ?.slice(name.length + 3)
    .split(',');
const clientCounts = (listArg('clients') ?? ['1', '2', '4', '8']).map(Number);
const logs = listArg('logs') ?? ['durable', 'batched', 'memory'];
const unknown = args.filter(
  (a) => a !== '--quick' && !a.startsWith('--clients=') && !a.startsWith('--logs='),
);
if (
  unknown.length > 0 ||
  clientCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 16) ||
  logs.some((l) => l !== 'durable' && l !== 'batched' && l !== 'memory')
) {
  console.error(
    `bad argument(s): ${args.join(' ')}; usage: run.ts [--quick] ` +
      '[--clients=1,2,4,8] [--logs=durable,batched,memory]',
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
    `bursts of ${burstMs} ms after warming up. Rates are medians over bursts.\n`,
);

const started = performance.now();
const results: WorkloadResult[] = [];
for (const mode of logs) {
  const durable = mode !== 'memory';
  const batch = mode === 'batched';
  for (const clients of clientCounts) {
    results.push(
      await runAdCounter({ clients, durable, batch, bursts, burstMs, churnAds, ads, log }),
    );
  }
}

const rows: Row[] = results.flatMap((r) => r.rows);
console.log(
  renderTable(
    rows,
    bestRows(rows, () => true),
  ),
);
console.log('\nNotes');
for (const note of notes()) console.log(`- ${note}`);
console.log('\nGoals (from the issue; reported, never asserted)');
console.log(renderGoals(results.flatMap((r) => r.goals)));
console.log(`\nTotal time ${((performance.now() - started) / 1000).toFixed(0)} s`);

const out = fileURLToPath(new URL('../results/runtime.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
writeFileSync(out, JSON.stringify(rows, null, 2) + '\n');
console.log(`Wrote ${out}`);

function notes(): string[] {
  return [
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
