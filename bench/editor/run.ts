import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Agent } from '@inflow/agent';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../e2e/src/browser/browser.js';
import { Stack, waitFor } from '../../e2e/src/system/stack.js';
import { ensureEditorBuilt } from '../../scripts/editor-build.js';
import type { Goal, Row } from '../core/harness.js';
import { renderGoals, renderTable } from '../core/table.js';
import { chainGraph } from './chain-graph.js';

// `npm run bench:editor`: the editor in headless Chromium on a generated graph of 625 nodes and
// 624 edges (xyflow's stress size) and of 1,000, every node a variable whose live value changes
// at 10 Hz through a real deployment; frame times while panning and while dragging a node, with
// live updates and without. Prints a table and writes bench/results/editor.json.

const AGENT = 'bench-1';
const UPDATE_MS = 100;
const PHASE_MS = 4000;
const rows: Row[] = [];
const goals: Goal[] = [];

// Page scripts go as source text: tsx's transform adds a `__name` helper to functions, which
// does not exist in the page.
const START_RECORDING = `(() => {
  window.__frames = [];
  window.__recording = true;
  let last = performance.now();
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (window.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const STOP_RECORDING = `(() => { window.__recording = false; return window.__frames.slice(1); })()`;

/** Records the interval between animation frames in the page while `act` runs, in ms. */
async function recordFrames(page: Page, act: () => Promise<void>): Promise<number[]> {
  await page.evaluate(START_RECORDING);
  await act();
  return page.evaluate<number[]>(STOP_RECORDING);
}

/** Moves the mouse from one point to another over PHASE_MS with the button down. */
async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // Paced by the clock, not by a step count: a saturated page gets fewer moves, not more time.
  const started = Date.now();
  for (let elapsed = 0; elapsed < PHASE_MS; elapsed = Date.now() - started) {
    // Back and forth, so the view ends where it started.
    const k = Math.sin((elapsed / PHASE_MS) * Math.PI * 2);
    await page.mouse.move(from.x + dx * k, from.y + dy * k);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function measure(size: number): Promise<void> {
  const stack = await Stack.start();
  const browser = await launchBrowser();
  let driver: NodeJS.Timeout | undefined;
  try {
    const agent: Agent = await stack.embed({ name: AGENT, labels: { role: 'bench' } });
    await stack.online([AGENT]);
    const { id: graphId } = await stack.api.json<{ id: string }>(
      'POST',
      '/api/graphs',
      chainGraph(size, AGENT),
    );
    await stack.api.json('POST', `/api/graphs/${graphId}/deploy`, { rev: 1 });
    await waitFor(() => agent.deployments().length === 1 || undefined, 'the bench agent assigned');

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('dialog', (d) => void d.accept());
    await page.goto(stack.url);
    await page.getByTestId('token-input').fill(stack.adminToken);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('open-graphs').click();
    await page.getByTestId(`graph-open-${graphId}`).click();
    await waitFor(
      async () => (await page.locator('.react-flow__node').count()) > 0 || undefined,
      'the graph on the canvas',
    );
    const workload = `${size} nodes, ${size - 1} edges`;
    const pane = await page.locator('.react-flow__pane').boundingBox();
    const node = await page.locator('.react-flow__node').first().boundingBox();
    if (!pane || !node) throw new Error('no canvas');
    const empty = { x: pane.x + pane.width - 30, y: pane.y + pane.height - 30 };
    const nodeAt = { x: node.x + node.width / 2, y: node.y + 8 };

    const phase = async (live: string) => {
      console.error(`[bench:editor] ${workload}: ${live}`);
      const panning = await recordFrames(page, () => drag(page, empty, -300, -200));
      const dragging = await recordFrames(page, () => drag(page, nodeAt, 250, 150));
      for (const [what, frames] of [
        ['panning', panning],
        ['dragging a node', dragging],
      ] as const) {
        rows.push({
          workload,
          system: `inflow editor, ${live}`,
          metric: `frame p50, ${what}`,
          value: percentile(frames, 50),
          unit: 'ms',
        });
        rows.push({
          workload,
          system: `inflow editor, ${live}`,
          metric: `frame p95, ${what}`,
          value: percentile(frames, 95),
          unit: 'ms',
        });
        rows.push({
          workload,
          system: `inflow editor, ${live}`,
          metric: `frames, ${what}`,
          value: frames.length,
          unit: 'frames',
        });
      }
      return Math.max(percentile(panning, 95), percentile(dragging, 95));
    };

    await phase('no live updates');
    let tick = 0;
    driver = setInterval(() => {
      tick++;
      for (let i = 0; i < size; i++) agent.update(`v${i}`, { op: 'increment' });
    }, UPDATE_MS);
    await waitFor(async () => {
      const text = await page
        .getByTestId(`live-value-v${size - 1}`)
        .textContent()
        .catch(() => null);
      return text !== null && Number(text.replace(/[^0-9]/g, '')) > 0 ? true : undefined;
    }, 'live values on the canvas');
    const worst = await phase('live updates at 10 Hz');
    rows.push({
      workload,
      system: 'inflow editor, live updates at 10 Hz',
      metric: 'updates sent',
      value: tick,
      unit: 'rounds',
    });
    const limit = size <= 625 ? 16.7 : 33;
    goals.push({
      workload,
      text: `p95 frame time at most ${limit} ms while panning and dragging with live updates`,
      met: worst <= limit,
      detail: `worst p95 ${worst.toFixed(1)} ms`,
    });
  } finally {
    if (driver) clearInterval(driver);
    await browser.close();
    await stack.dispose();
  }
}

ensureEditorBuilt((line) => console.error(line));
const cpus = os.cpus();
console.log('Inflow editor benchmark (bench/editor)');
console.log(
  `node ${process.version} | ${cpus[0]?.model ?? 'unknown cpu'} | ${cpus.length} cores | headless Debian Chromium`,
);
console.log(
  'Frame time: the interval between requestAnimationFrame callbacks in the page, over 4 s of ' +
    'panning and 4 s of dragging a node; the control plane, the agent and the browser share the machine.\n',
);
for (const size of [625, 1000]) await measure(size);
console.log(renderTable(rows, new Set()));
console.log('\nGoals (from issue 5; reported, never asserted)');
console.log(renderGoals(goals));
const out = fileURLToPath(new URL('../results/editor.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
writeFileSync(out, JSON.stringify(rows, null, 2) + '\n');
console.log(`Wrote ${out}`);
