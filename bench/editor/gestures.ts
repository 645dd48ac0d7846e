import type { Page } from 'playwright-core';
import { recordFrames, type Recording } from './frame-recorder.js';

/** How long each measured gesture lasts, ms. */
export const GESTURE_MS = 4000;

/** Unrecorded gestures first, so the recorded ones find the page's code compiled and warm. */
const WARM_UP_MS = 1000;

/** What the pointer presses for a gesture, found in the page just before it. */
type Target = 'empty pane' | 'centre node' | 'corner node';

interface Point {
  x: number;
  y: number;
}

// Source text, not a function: see frame-recorder.ts. It checks what is under the press point:
// a press that lands on a toolbar or on the palette starts the browser's own drag and measures
// nothing.
const FIND_TARGET = `(target) => {
  const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
  const under = (x, y) => document.elementFromPoint(x, y);
  if (target === 'empty pane') {
    for (let d = 30; d < Math.min(pane.width, pane.height) / 2; d += 10) {
      const x = pane.right - d, y = pane.bottom - d;
      const el = under(x, y);
      if (el && el.classList.contains('react-flow__pane')) return { x, y };
    }
    return null;
  }
  const [ax, ay] = target === 'centre node'
    ? [pane.x + pane.width / 2, pane.y + pane.height / 2]
    : [pane.x, pane.y];
  const nodes = [...document.querySelectorAll('.react-flow__node')]
    .map((node) => ({ node, r: node.getBoundingClientRect() }))
    .filter(({ r }) => r.x + r.width / 2 > pane.left && r.x + r.width / 2 < pane.right && r.y > pane.top && r.y + r.height / 2 < pane.bottom)
    .sort((a, b) => Math.hypot(a.r.x + a.r.width / 2 - ax, a.r.y + a.r.height / 2 - ay) - Math.hypot(b.r.x + b.r.width / 2 - ax, b.r.y + b.r.height / 2 - ay));
  for (const { node, r } of nodes) {
    const x = r.x + r.width / 2, y = r.y + Math.min(8, r.height / 2);
    const el = under(x, y);
    if (el && el.closest('.react-flow__node') === node) return { x, y };
  }
  return null;
}`;

async function find(page: Page, target: Target): Promise<Point> {
  const point = await page.evaluate<Point | null>(`(${FIND_TARGET})(${JSON.stringify(target)})`);
  if (!point) throw new Error(`no ${target} to press on the canvas`);
  return point;
}

/** Moves the mouse from `from` by (dx, dy) and back, and as far the other way, over `ms`, held. */
async function drag(page: Page, from: Point, dx: number, dy: number, ms: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // Paced by the clock, not by a step count: a saturated page gets fewer moves, not more time.
  const started = Date.now();
  for (let elapsed = 0; elapsed < ms; elapsed = Date.now() - started) {
    // Back and forth, so the view ends where it started (unless the drag auto-panned).
    const k = Math.sin((elapsed / ms) * Math.PI * 2);
    await page.mouse.move(from.x + dx * k, from.y + dy * k);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
}

/** The gestures measured, in the order made. */
export const GESTURES = [
  { name: 'panning', target: 'empty pane', dx: -300, dy: -200 },
  { name: 'dragging a node', target: 'centre node', dx: 250, dy: 150 },
  // Its way out passes the pane's top-left corner, so React Flow auto-pans for part of it; that
  // leaves the view panned and the node far off, so it comes last and is not warmed up.
  { name: 'dragging a node past the edge', target: 'corner node', dx: 250, dy: 150 },
] as const satisfies ReadonlyArray<{ name: string; target: Target; dx: number; dy: number }>;

export type GestureName = (typeof GESTURES)[number]['name'];

/**
 * Makes the first two gestures once unrecorded (to warm the page up), then all three recorded.
 * The page must show a React Flow canvas, fitted to the graph, and is left panned.
 */
export async function recordGestures(page: Page): Promise<Map<GestureName, Recording>> {
  for (const { target, dx, dy } of GESTURES.slice(0, 2)) {
    await drag(page, await find(page, target), dx, dy, WARM_UP_MS);
  }
  const recordings = new Map<GestureName, Recording>();
  for (const { name, target, dx, dy } of GESTURES) {
    const from = await find(page, target);
    recordings.set(name, await recordFrames(page, () => drag(page, from, dx, dy, GESTURE_MS)));
  }
  return recordings;
}
