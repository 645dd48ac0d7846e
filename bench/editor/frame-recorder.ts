import type { Page } from 'playwright-core';

// Page scripts go as source text: tsx's transform adds a `__name` helper to functions, which
// does not exist in the page. Only frames while the button is held count: from the press to the
// release, both seen in the page. Measured from the harness instead, the recording took in
// seconds of frames after the release whenever the harness process was slow to answer (it runs
// the control plane and the agent that makes the updates). Besides frames, the recorder counts
// the nodes whose text changed in each frame: how many live values the page actually showed.
const START_RECORDING = `(() => {
  // The previous recording's loop may not have ticked since its release: a new generation stops
  // it, or both loops would count every frame.
  const generation = (window.__generation || 0) + 1;
  window.__generation = generation;
  window.__frames = [];
  window.__shown = 0;
  window.__endedAt = undefined;
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
  let last;
  let pressed = false;
  const options = { capture: true, passive: true };
  const press = () => {
    window.__startedAt = performance.now();
    pressed = true;
    changed.clear();
  };
  const release = () => {
    window.__endedAt = performance.now();
    observer.disconnect();
    removeEventListener('pointerdown', press, options);
    removeEventListener('pointerup', release, options);
  };
  // Ticks from the start; an interval counts once both of its frames came after the press.
  const tick = (now) => {
    if (window.__generation !== generation || window.__endedAt !== undefined) return;
    if (pressed && last !== undefined && last >= window.__startedAt) {
      window.__frames.push(now - last);
      window.__shown += changed.size;
    }
    if (pressed) changed.clear();
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  addEventListener('pointerdown', press, options);
  addEventListener('pointerup', release, options);
})()`;
// The release can reach the page after the harness's `mouse.up` has returned: wait for it.
const STOP_RECORDING = `new Promise((resolve) => {
  const until = performance.now() + 5000;
  const check = () => {
    if (window.__endedAt === undefined && performance.now() < until) return setTimeout(check, 10);
    resolve({ frames: window.__frames, shown: window.__shown, ms: window.__endedAt - window.__startedAt });
  };
  check();
})`;

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

/** Records frames and node text refreshes in the page while `act` holds a pointer down. */
export async function recordFrames(page: Page, act: () => Promise<void>): Promise<Recording> {
  await page.evaluate(START_RECORDING);
  await act();
  const raw = await page.evaluate<{ frames: number[]; shown: number; ms: number }>(STOP_RECORDING);
  if (!Number.isFinite(raw.ms))
    throw new Error('the page saw no press and release: the press did not start a gesture');
  return {
    frames: joinSplitFrames(raw.frames),
    refreshesPerSecond: raw.ms > 0 ? (raw.shown * 1000) / raw.ms : 0,
  };
}
