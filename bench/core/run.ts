import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchConfig, Row, WorkloadResult } from './harness.js';
import { bestRows, renderGoals, renderTable } from './table.js';
import { runW1 } from './w1-set.js';
import { runW2 } from './w2-counter.js';
import { runW5 } from './w5-dataflow.js';

// `npm run bench:core [-- --quick] [-- --only=W1,W5]`: Inflow's core against peer CRDT libraries
// in one process. Prints a table and the goals (met / not met), writes
// bench/results/core.json.

const args = process.argv.slice(2);

// Forced GC between trials needs --expose-gc, which tsx does not pass: run again with it.
if (typeof globalThis.gc !== 'function' && process.env.INFLOW_BENCH_CHILD !== '1') {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=6144', ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, INFLOW_BENCH_CHILD: '1' } },
  );
  process.exit(child.status ?? 1);
}

const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const unknown = args.filter((a) => a !== '--quick' && !a.startsWith('--only='));
if (unknown.length > 0) {
  console.error(
    `unknown argument(s): ${unknown.join(' ')}; usage: run.ts [--quick] [--only=W1,W2,W5]`,
  );
  process.exit(2);
}

const config: BenchConfig = {
  quick,
  trials: quick ? 2 : 5,
  caseBudgetMs: quick ? 3_000 : 12_000,
  log: (line) => console.error(line),
};

const workloads: Array<[string, (c: BenchConfig) => WorkloadResult]> = [
  ['W1', runW1],
  ['W2', runW2],
  ['W5', runW5],
];

const cpus = os.cpus();
console.log('Inflow core benchmark (bench/core)');
console.log(
  `node ${process.version} | ${cpus[0]?.model ?? 'unknown cpu'} | ${cpus.length} cores | ` +
    `${os.platform()} ${os.arch()} | ${quick ? 'quick' : 'full'} run | ` +
    `gc between trials: ${typeof globalThis.gc === 'function' ? 'yes' : 'no'}`,
);
console.log('Each figure is the median of its trials, after a warm-up run.\n');

const started = performance.now();
const results: WorkloadResult[] = [];
for (const [id, run] of workloads) {
  if (only && !only.includes(id)) continue;
  results.push(run(config));
}

const rows: Row[] = results.flatMap((r) => r.rows);
const unranked = new Set<Row>();
for (const r of results) {
  for (const row of r.rows) if (r.comparative === false || r.unranked?.has(row)) unranked.add(row);
}
console.log(
  renderTable(
    rows,
    bestRows(rows, (row) => !unranked.has(row)),
  ),
);
console.log('\nNotes');
for (const note of results.flatMap((r) => r.notes)) console.log(`- ${note}`);
console.log('\nGoals (from the issue; reported, never asserted)');
console.log(renderGoals(results.flatMap((r) => r.goals)));
console.log(`\nTotal time ${((performance.now() - started) / 1000).toFixed(0)} s`);

const out = fileURLToPath(new URL('../results/core.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
writeFileSync(out, JSON.stringify(rows, null, 2) + '\n');
console.log(`Wrote ${out}`);
