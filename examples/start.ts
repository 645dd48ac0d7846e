import { runAdCounter, type AdCounterSnapshot } from './ad-counter.js';
import { runLeaderboard } from './leaderboard.js';

// `npm start` until the control plane and editor exist: the ad counter and the leaderboard run
// in-process on simulated replicas, printing the counters as they rise.

const threshold = 100;
const bar = (n: number) =>
  '#'.repeat(Math.round((20 * Math.min(n, threshold)) / threshold)).padEnd(20, '.');

let lastShown = -1;
function printSnapshot(s: AdCounterSnapshot): void {
  if (s.shown === lastShown) return;
  lastShown = s.shown;
  const rows = Object.entries(s.counts).sort(([a], [b]) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
  console.log(`\nimpressions shown: ${s.shown}   ads still served: ${s.adsLeft}`);
  for (let i = 0; i < rows.length; i += 2) {
    const cell = ([id, n]: [string, number]) =>
      `${id.padEnd(9)} ${bar(n)} ${String(n).padStart(4)}`;
    console.log(
      '  ' +
        rows
          .slice(i, i + 2)
          .map(cell)
          .join('    '),
    );
  }
}

console.log(
  'Inflow: Lasp ad counter, 10 game clients + 1 server, 20 ads, threshold 100 impressions each',
);
console.log(
  '(replicas in this process over a simulated lossy network; the control plane comes next)',
);
const report = runAdCounter({
  clients: 10,
  impressions: 5000,
  threshold,
  adsPerAdvertiser: 10,
  seed: Date.now() % 100_000,
  latency: 20,
  progressEvery: 500,
  onProgress: printSnapshot,
});
lastShown = -1;
printSnapshot(report);
console.log(
  `\nevery ad removed on every replica: ${Object.values(report.viewsAfterSettle).every((n) => n === 0)}; ` +
    `overcount (impressions shown before clients heard of a removal): ${report.overcount}`,
);

const leaderboard = runLeaderboard({ clients: 10, games: 2000, k: 3, seed: 7, latency: 30 });
console.log('\nLasp leaderboard, 10 clients, 2,000 games, global top 3:');
for (const { key, score } of leaderboard.expected) console.log(`  ${key.padEnd(9)} ${score}`);
const agree = Object.values(leaderboard.views).every(
  (v) => JSON.stringify(v) === JSON.stringify(leaderboard.expected),
);
console.log(`all 10 clients agree with the true top 3: ${agree}`);
