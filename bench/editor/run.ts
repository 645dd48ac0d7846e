import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Agent } from '@inflow/agent';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../e2e/src/browser/browser.js';
import { Stack, waitFor } from '../../e2e/src/system/stack.js';
import { ensureEditorBuilt } from '../../scripts/editor-build.js';
import { median, percentile, type Goal, type Row } from '../core/harness.js';
import { renderGoals, renderTable } from '../core/table.js';
import { chainGraph } from '../../e2e/src/browser/chain-graph.js';
import type { Recording } from './frame-recorder.js';
import { GESTURES, recordGestures, type GestureName } from './gestures.js';
import { startPeerPage, type PeerPage } from './peer-page.js';

// `npm run bench:editor [-- --quick] [-- --trials=N] [-- --sizes=625,1000]`: the editor in
// headless Chromium on a generated graph of 625 nodes and 624 edges (xyflow's stress size) and
// of 1,000, every node a variable whose live value changes at 10 Hz through a real deployment;
// frame times while panning and while dragging a node, with live updates and without. The peer,
// in the same browser: xyflow's own stress example on the same grid, its labels updated at the
// same rate. Prints a table and writes bench/results/editor.json.

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const valueOf = (name: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const TRIALS = Number(valueOf('trials') ?? (quick ? 3 : 10));
const SIZES = (valueOf('sizes') ?? '625,1000').split(',').map(Number);
const unknown = args.filter(
  (a) => a !== '--quick' && !a.startsWith('--trials=') && !a.startsWith('--sizes='),
);
if (
  unknown.length > 0 ||
  !Number.isInteger(TRIALS) ||
  TRIALS < 1 ||
  TRIALS > 100 ||
  SIZES.some((n) => !Number.isInteger(n) || n < 2 || n > 5000)
) {
  console.error(
    `bad argument(s): ${args.join(' ')}; usage: run.ts [--quick] [--trials=1..100] ` +
      '[--sizes=625,1000] (each size 2..5000)',
  );
  process.exit(2);
}

const AGENT = 'bench-1';
const UPDATE_MS = 100;
const PEER = 'xyflow stress example';
const rows: Row[] = [];
const goals: Goal[] = [];

const VIEWPORT = { viewport: { width: 1600, height: 1000 } };

/**
 * Headless Chromium shows frames at 60 Hz, so every interval is a whole number of refreshes plus
 * a tenth of a millisecond of timer jitter (16.8, 33.4 ...). The goals (16.7 ms, 33 ms) are one
 * and two refreshes, and are judged as such.
 */
const REFRESH_MS = 1000 / 60;
const refreshes = (ms: number) => Math.round(ms / REFRESH_MS);
/** Issue 5's goal at a size: 16.7 ms (1 refresh) up to xyflow's stress size, 33 ms (2) above. */
const goalAt = (size: number) =>
  size <= 625 ? { ms: 16.7, refreshes: 1 } : { ms: 33, refreshes: 2 };
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 'es'}`;

/** Each gesture's recordings, one per trial. */
type Trials = Map<GestureName, Recording[]>;

/** How many of the trials had their own p95 within `allowed` refreshes. */
const trialsWithin = (recordings: readonly Recording[], allowed: number) =>
  recordings.filter((r) => refreshes(percentile(r.frames, 0.95)) <= allowed).length;

/** Runs `TRIALS` trials, each opening the page anew with `open` and then making the gestures. */
async function runTrials(page: Page, open: () => Promise<void>, label: string): Promise<Trials> {
  const trials: Trials = new Map(GESTURES.map(({ name }) => [name, []]));
  for (let t = 1; t <= TRIALS; t++) {
    console.error(`[bench:editor] ${label}, trial ${t} of ${TRIALS}`);
    await open();
    for (const [name, recording] of await recordGestures(page)) trials.get(name)?.push(recording);
  }
  return trials;
}

/**
 * Adds the rows of one phase; returns its worst p95 frame time. One 4 s gesture is about 240
 * frames, so its p95 rests on a dozen of them and moves by a refresh between runs: the p95 is
 * taken over the frames of all trials, and the rows also say in how many trials it met the goal.
 */
function record(workload: string, system: string, trials: Trials, allowed: number): number {
  let worst = 0;
  for (const [what, recordings] of trials) {
    const frames = recordings.flatMap((r) => r.frames);
    const row = (metric: string, value: number, unit: string) =>
      rows.push({ workload, system, metric: `${metric}, ${what}`, value, unit });
    row('frame p50', percentile(frames, 0.5), 'ms');
    row('frame p95', percentile(frames, 0.95), 'ms');
    row(
      `trials with p95 ≤ ${plural(allowed, 'refresh')}`,
      trialsWithin(recordings, allowed),
      `of ${TRIALS}`,
    );
    row('frames', frames.length, 'frames');
    row(
      'node values shown',
      Math.round(median(recordings.map((r) => r.refreshesPerSecond))),
      'per s',
    );
    worst = Math.max(worst, percentile(frames, 0.95));
  }
  return worst;
}

const VIEW_SCALE = `new DOMMatrixReadOnly(
  getComputedStyle(document.querySelector('.react-flow__viewport')).transform,
).a`;

// A string, as the recorder's: the bench is type-checked without the DOM's types.
const viewScale = (page: Page) => page.evaluate<number>(VIEW_SCALE);

/** The view's scale once its opening ease (250 ms) is over. */
async function settledScale(page: Page): Promise<number> {
  let last = -1;
  return waitFor(async () => {
    const now = await viewScale(page);
    const settled = now === last ? now : undefined;
    last = now;
    return settled;
  }, 'the view to settle');
}

/** Fits the whole graph in the view with the canvas's fit button, as the peer opens. */
async function fitWholeGraph(page: Page, opened: number): Promise<void> {
  await page.locator('.react-flow__controls-fitview').click();
  await waitFor(
    async () => ((await viewScale(page)) < opened ? true : undefined),
    'the graph fitted',
  );
}

/**
 * The two views of Inflow measured: the one it opens a graph in (too big to fit readable, its
 * start at 75% zoom, in full detail, where only the nodes in view are rendered), and the whole
 * graph fitted in view, which is how the peer opens: every node rendered, at a zoom (17% at 625
 * nodes) where text is 2 px, so the editor draws a bar for each value instead of its text
 * (detail-level.ts) and shows next to no values while a button is held.
 */
const VIEWS = {
  opened: 'inflow editor (as opened)',
  whole: 'inflow editor (whole graph in view)',
} as const;
type View = keyof typeof VIEWS;

async function measureInflow(browser: Browser, size: number, view: View): Promise<void> {
  const stack = await Stack.start();
  let driver: NodeJS.Timeout | undefined;
  const page = await browser.newPage(VIEWPORT);
  try {
    const agent: Agent = await stack.embed({ name: AGENT, labels: { role: 'bench' } });
    await stack.online([AGENT]);
    const graph = chainGraph(size, AGENT);
    const { id: graphId } = await stack.api.json<{ id: string }>('POST', '/api/graphs', graph);
    await stack.api.json('POST', `/api/graphs/${graphId}/deploy`, { rev: 1 });
    await waitFor(() => agent.deployments().length === 1 || undefined, 'the bench agent assigned');

    page.on('dialog', (d) => void d.accept());
    // Each trial opens the graph anew, as the peer's reloads its page: the drag past the edge
    // leaves the view panned.
    let signedIn = false;
    const openGraph = async (live: boolean) => {
      await page.goto(stack.url);
      // The session outlives a reload (sessionStorage).
      if (!signedIn) {
        await page.getByTestId('token-input').fill(stack.adminToken);
        await page.getByTestId('sign-in').click();
        signedIn = true;
      }
      await page.getByTestId('open-graphs').click();
      await page.getByTestId(`graph-open-${graphId}`).click();
      await waitFor(
        async () => (await page.locator('.react-flow__node').count()) > 0 || undefined,
        'the graph on the canvas',
      );
      if (live) {
        await waitFor(async () => {
          const text = await page
            .getByTestId('live-value-v0')
            .textContent()
            .catch(() => null);
          return text !== null && Number(text.replace(/[^0-9]/g, '')) > 0 ? true : undefined;
        }, 'live values on the canvas');
      }
      // Fitted last: zoomed out that far, the editor draws no values to wait for.
      const opened = await settledScale(page);
      if (view === 'whole') await fitWholeGraph(page, opened);
    };
    const workload = `${size} nodes, ${size - 1} edges`;
    const goal = goalAt(size);
    const allowed = goal.refreshes;
    const still = `${VIEWS[view]}, no live updates`;
    record(
      workload,
      still,
      await runTrials(page, () => openGraph(false), `${workload}: ${still}`),
      allowed,
    );

    let tick = 0;
    driver = setInterval(() => {
      tick++;
      for (let i = 0; i < size; i++) agent.update(`v${i}`, { op: 'increment' });
    }, UPDATE_MS);
    const system = `${VIEWS[view]}, live updates at 10 Hz`;
    const trials = await runTrials(page, () => openGraph(true), `${workload}: ${system}`);
    const worst = record(workload, system, trials, allowed);
    rows.push({ workload, system, metric: 'updates sent', value: tick, unit: 'rounds' });
    const within = [...trials].map(
      ([what, recordings]) => `${what} ${trialsWithin(recordings, allowed)}`,
    );
    goals.push({
      workload,
      text: `${VIEWS[view]}: p95 frame time at most ${goal.ms} ms (${plural(allowed, 'refresh')} at 60 Hz) while panning and dragging with live updates, over ${TRIALS} trials`,
      met: refreshes(worst) <= allowed,
      detail: `worst p95 ${worst.toFixed(1)} ms (${plural(refreshes(worst), 'refresh')}); trials within it of ${TRIALS}: ${within.join(', ')}`,
    });
  } finally {
    if (driver) clearInterval(driver);
    await page.close();
    await stack.dispose();
  }
}

async function measurePeer(browser: Browser, peer: PeerPage, size: number): Promise<void> {
  const workload = `${size} nodes, ${size - 1} edges`;
  for (const [hz, live] of [
    [0, 'no live updates'],
    [1000 / UPDATE_MS, 'live updates at 10 Hz'],
  ] as const) {
    const page: Page = await browser.newPage(VIEWPORT);
    try {
      const open = async () => {
        await page.goto(peer.url(size, hz));
        await page.waitForSelector('.react-flow__node');
      };
      const system = `${PEER}, ${live}`;
      const trials = await runTrials(page, open, `${workload}: ${system}`);
      record(workload, system, trials, goalAt(size).refreshes);
    } finally {
      await page.close();
    }
  }
}

ensureEditorBuilt((line) => console.error(line));
const cpus = os.cpus();
console.log('Inflow editor benchmark (bench/editor)');
console.log(
  `node ${process.version} | ${cpus[0]?.model ?? 'unknown cpu'} | ${cpus.length} cores | headless Debian Chromium`,
);
console.log(
  'Frame time: the interval between requestAnimationFrame callbacks in the page (two callbacks ' +
    'under 4 ms apart count as one frame), while the button is held for 4 s in each gesture: ' +
    "panning, dragging a node near the centre, and dragging one past the pane's edge (React Flow " +
    `auto-pans). ${TRIALS} trials per phase, each on the graph opened anew; p50 and p95 over the ` +
    'frames of all trials. Inflow: a real deployment, the control plane and the ' +
    'agent on the same machine, as the editor opens the graph (75% zoom) and with the whole ' +
    'graph in view (under 30% zoom, where the editor draws bars for values, not their text); ' +
    'the peer: xyflow’s stress example (default nodes, labels updated through setNodes), ' +
    'served statically.\n',
);
const browser = await launchBrowser();
const peer = await startPeerPage();
try {
  for (const size of SIZES) {
    for (const view of ['opened', 'whole'] as const) await measureInflow(browser, size, view);
    await measurePeer(browser, peer, size);
  }
} finally {
  await peer.close();
  await browser.close();
}
console.log(renderTable(rows, new Set()));
console.log('\nGoals (from issue 5; reported, never asserted)');
console.log(renderGoals(goals));
const out = fileURLToPath(new URL('../results/editor.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
writeFileSync(out, JSON.stringify(rows, null, 2) + '\n');
console.log(`Wrote ${out}`);
