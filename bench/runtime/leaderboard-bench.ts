import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, median, type Row, type WorkloadResult } from '../core/harness.js';
import { waitFor } from '../../scripts/local-stack.js';
import { configName, warmUp, type RunConfig } from './ad-counter-bench.js';
import { burst, updateBurst, type BurstSample, type UpdateBurst } from './burst.js';
import { pokeOf, sameTop, topOf, type TopEntry } from './leaderboard-scores.js';
import { RuntimeStack } from './runtime-stack.js';

const LOCAL = 'local: leaderboard scores.add';
const REPLICATED = 'replicated: ad counter impressions';
const PER_BURST = 'updates per burst';

export const leaderboardWorkloadName = (c: RunConfig): string =>
  `leaderboard vs ad counter, ${configName(c)}`;

/**
 * Lasp's leaderboard beside the ad counter on one installation: every client adds finished games
 * (`{player, score}`) to its local `scores` (a dynamic awset: its own copy, logged before the add
 * returns, never replicated) in bursts that take turns with bursts of impressions (the ad
 * counter's replicated gmap) on the same processes, in the same log mode. Then each client's copy
 * and local top K are checked against every game it recorded, and the hub's leaderboard against
 * the top K of them all.
 */
export async function runLeaderboard(config: RunConfig): Promise<WorkloadResult> {
  const workload = leaderboardWorkloadName(config);
  config.log(`${workload}: ${config.bursts} + ${config.bursts} bursts of ${config.burstMs} ms`);
  const dir = await mkdtemp(join(tmpdir(), 'inflow-bench-runtime-'));
  const started = performance.now();
  let stack: RuntimeStack | undefined;
  try {
    stack = await RuntimeStack.start({ ...config, dir, leaderboard: true });
    const deployment = stack.leaderboard;
    if (deployment === undefined) throw new Error('the leaderboard was not deployed');
    let impressions = await warmUp(stack, workload, config.burstMs);
    let games = (await updateBurst(stack, 'scores', Math.min(500, config.burstMs))).updates;
    const local: UpdateBurst[] = [];
    const replicated: BurstSample[] = [];
    for (let i = 0; i < config.bursts; i++) {
      // Taking turns, each going first every other round, so a drift in the machine's load
      // falls on both alike.
      for (const stream of i % 2 === 0 ? ['scores', 'impressions'] : ['impressions', 'scores']) {
        if (stream === 'scores') {
          const b = await updateBurst(stack, 'scores', config.burstMs);
          games += b.updates;
          local.push(b);
        } else {
          const sample = await burst(stack, impressions, config.burstMs);
          impressions += sample.impressions;
          replicated.push(sample);
        }
      }
    }
    const elements = await checkScores(stack, deployment, workload);
    const held = elements.reduce((a, b) => a + b, 0);
    check(
      held === games + stack.workers.length,
      `${workload}: the clients' copies hold ${held} games, of ${games} added and one poked each`,
    );
    const view = await stack.view();
    check(
      RuntimeStack.impressions(view) === impressions,
      `${workload}: the hub counts ${impressions} impressions`,
    );
    if (stack.meter.error) throw stack.meter.error;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    config.log(`  ${workload}: ${games} games, ${impressions} impressions, ${seconds} s`);
    const rows = report(workload, local, replicated, elements);
    // More updates per burst is better, but `ops` ranks low-is-better: no best mark.
    const unranked = new Set(rows.filter((r) => r.metric === PER_BURST));
    return { rows, goals: [], notes: [], unranked };
  } finally {
    await stack?.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * One game poked in at each client through the control plane (the editor's poke: the hub has the
 * agent apply it, and answers once it is durable there), which beats every generated game. Then
 * each client checks its copy of `scores` and its `localTop` (the worker throws if either is
 * wrong), and the hub's `leaderboard` must come to hold the top K of all the clients' top Ks.
 * Returns how many games each client's copy holds.
 */
async function checkScores(
  stack: RuntimeStack,
  deployment: string,
  workload: string,
): Promise<number[]> {
  const poked = stack.workers.map((w, i) => pokeOf(w.name, i));
  for (const [i, w] of stack.workers.entries()) {
    await stack.op(deployment, 'scores', { op: 'add', value: poked[i] }, w.name);
  }
  for (const [i, w] of stack.workers.entries()) {
    w.send({ type: 'check-scores', poked: poked.slice(i, i + 1) });
  }
  const checked = await Promise.all(stack.workers.map((w) => w.next('scores-checked', 60_000)));
  const expected = topOf(checked.flatMap((c) => c.top));
  let atHub: unknown;
  await waitFor(
    async () => {
      atHub = (await stack.view(deployment)).variables.leaderboard?.value;
      return (Array.isArray(atHub) && sameTop(atHub as TopEntry[], expected)) || undefined;
    },
    `${workload}: the hub's leaderboard to be ${JSON.stringify(expected)}`,
    10_000,
  ).catch((error: unknown) => {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`bench check failed: ${why}; it is ${JSON.stringify(atHub)}`);
  });
  return checked.map((c) => c.elements);
}

function report(
  workload: string,
  local: readonly UpdateBurst[],
  replicated: readonly BurstSample[],
  elements: readonly number[],
): Row[] {
  const rows: Row[] = [];
  const row = (system: string, metric: string, value: number, unit: string) =>
    rows.push({ workload, system, metric, value, unit });
  const localRate = median(local.map((b) => b.updates / (b.clientMs / 1000)));
  const replicatedRate = median(replicated.map((s) => s.impressions / (s.clientMs / 1000)));
  row(LOCAL, 'updates/s applied at clients', localRate, 'ops/s');
  row(REPLICATED, 'updates/s applied at clients', replicatedRate, 'ops/s');
  row(LOCAL, PER_BURST, median(local.map((b) => b.updates)), 'ops');
  row(REPLICATED, PER_BURST, median(replicated.map((s) => s.impressions)), 'ops');
  row(
    REPLICATED,
    'updates/s end to end (the hub holds them)',
    median(replicated.map((s) => s.impressions / (s.endToEndMs / 1000))),
    'ops/s',
  );
  row(LOCAL, 'local vs replicated, applied at clients', (100 * localRate) / replicatedRate, '%');
  row(LOCAL, 'games in one client copy at the end', median(elements), 'elements');
  return rows;
}
