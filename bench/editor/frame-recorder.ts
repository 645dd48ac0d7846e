import type { Page } from 'playwright-core';

/** How long each measured gesture lasts, ms. */
export const PHASE_MS = 4000;

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

/**
 * Headless Chromium sometimes runs two animation-frame callbacks within one display refresh
 * (under a millisecond apart), which no display can show as two frames. Such a split frame is
 * counted once: an interval shorter than this is added to the next one.
 */
const SPLIT_FRAME_MS = 4;

/** The intervals between shown frames: `intervals` with split frames joined. */
export function joinSplitFrames(intervals: readonly number[]): number[] {
  const frames: number[] = [];
  let carried = 0;
  for (const interval of intervals) {
    carried += interval;
    if (carried < SPLIT_FRAME_MS) continue;
    frames.push(carried);
    carried = 0;
  }
  return frames;
}

/** Records the interval between animation frames in the page while `act` runs, in ms. */
export async function recordFrames(page: Page, act: () => Promise<void>): Promise<number[]> {
  await page.evaluate(START_RECORDING);
  await act();
  return joinSplitFrames(await page.evaluate<number[]>(STOP_RECORDING));
}

/** Moves the mouse from one point to another over PHASE_MS with the button down. */
export async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number) {
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

export interface Gestures {
  panning: number[];
  dragging: number[];
}

/**
 * Pans the canvas from an empty corner, then drags the first node, recording frames during each.
 * The page must show a React Flow canvas.
 */
export async function panAndDrag(page: Page): Promise<Gestures> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  const node = await page.locator('.react-flow__node').first().boundingBox();
  if (!pane || !node) throw new Error('no canvas on the page');
  const empty = { x: pane.x + pane.width - 30, y: pane.y + pane.height - 30 };
  const nodeAt = { x: node.x + node.width / 2, y: node.y + 8 };
  const panning = await recordFrames(page, () => drag(page, empty, -300, -200));
  const dragging = await recordFrames(page, () => drag(page, nodeAt, 250, 150));
  return { panning, dragging };
}
