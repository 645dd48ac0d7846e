import type { Page } from 'playwright-core';

/** How long each measured gesture lasts, ms. */
export const PHASE_MS = 4000;

// Page scripts go as source text: tsx's transform adds a `__name` helper to functions, which
// does not exist in the page. Besides frames, the recorder counts the nodes whose text changed
// in each frame: how many live values the page actually showed.
const START_RECORDING = `(() => {
  window.__frames = [];
  window.__shown = 0;
  window.__recording = true;
  const changed = new Set();
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const node = r.target.parentElement && r.target.parentElement.closest('.react-flow__node');
      if (node) changed.add(node);
    }
  });
  // Text changes only: React writes a changed text into its text node.
  observer.observe(document.querySelector('.react-flow__nodes'), {
    characterData: true,
    subtree: true,
  });
  window.__startedAt = performance.now();
  let last = window.__startedAt;
  const tick = (now) => {
    window.__frames.push(now - last);
    window.__shown += changed.size;
    changed.clear();
    last = now;
    if (window.__recording) requestAnimationFrame(tick);
    else observer.disconnect();
  };
  requestAnimationFrame(tick);
})()`;
const STOP_RECORDING = `(() => {
  window.__recording = false;
  return {
    frames: window.__frames.slice(1),
    shown: window.__shown,
    ms: performance.now() - window.__startedAt,
  };
})()`;

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

/** What the page showed while a gesture ran. */
export interface Recording {
  /** The intervals between shown frames, ms. */
  frames: number[];
  /** Node text refreshes shown per second (a node counts once per frame). */
  refreshesPerSecond: number;
}

/** Records frames and node text refreshes in the page while `act` runs. */
export async function recordFrames(page: Page, act: () => Promise<void>): Promise<Recording> {
  await page.evaluate(START_RECORDING);
  await act();
  const raw = await page.evaluate<{ frames: number[]; shown: number; ms: number }>(STOP_RECORDING);
  return {
    frames: joinSplitFrames(raw.frames),
    refreshesPerSecond: raw.ms > 0 ? (raw.shown * 1000) / raw.ms : 0,
  };
}

/** Unrecorded gestures first, so the recorded ones find the page's code compiled and warm. */
const WARM_UP_MS = 1000;

/** Moves the mouse from one point to another and back over `ms` with the button down. */
export async function drag(
  page: Page,
  from: { x: number; y: number },
  dx: number,
  dy: number,
  ms = PHASE_MS,
) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // Paced by the clock, not by a step count: a saturated page gets fewer moves, not more time.
  const started = Date.now();
  for (let elapsed = 0; elapsed < ms; elapsed = Date.now() - started) {
    // Back and forth, so the view ends where it started.
    const k = Math.sin((elapsed / ms) * Math.PI * 2);
    await page.mouse.move(from.x + dx * k, from.y + dy * k);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
}

export interface Gestures {
  panning: Recording;
  dragging: Recording;
}

/**
 * Pans the canvas from an empty corner, then drags the first node, recording frames during each
 * (after both once unrecorded, to warm the page up). The page must show a React Flow canvas.
 */
export async function panAndDrag(page: Page): Promise<Gestures> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  const node = await page.locator('.react-flow__node').first().boundingBox();
  if (!pane || !node) throw new Error('no canvas on the page');
  const empty = { x: pane.x + pane.width - 30, y: pane.y + pane.height - 30 };
  const nodeAt = { x: node.x + node.width / 2, y: node.y + 8 };
  await drag(page, empty, -300, -200, WARM_UP_MS);
  await drag(page, nodeAt, 250, 150, WARM_UP_MS);
  const panning = await recordFrames(page, () => drag(page, empty, -300, -200));
  const dragging = await recordFrames(page, () => drag(page, nodeAt, 250, 150));
  return { panning, dragging };
}
