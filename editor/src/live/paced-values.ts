import type { DeploymentSnapshot } from '@inflow/shared-core';
import { browserFrames, type FrameScheduler } from './frame-batcher';
import { watchInput, type InputActivity } from './input-activity';
import type { Monitor } from './monitor';

export type VariableLive = DeploymentSnapshot['variables'][string];

/** What one node's live block shows. */
export interface NodeLive {
  variable: VariableLive;
  series: readonly number[];
}

/** A frame longer than this (ms) means the page is behind: show fewer nodes per frame. */
export const LATE_FRAME_MS = 20;
export const MIN_PER_FRAME = 8;
/**
 * How many more nodes a timely frame lets the next one refresh. Slow on purpose: after a halving
 * it takes dozens of frames to reach the limit again, so only a few percent of frames are late.
 */
export const GROWTH_PER_FRAME = 1;
export const MAX_PER_FRAME = 1024;
/** No value waits longer than this (ms) to be shown, even when every frame is late. */
export const MAX_STALE_MS = 1500;
const START_PER_FRAME = 64;

/**
 * While the user moves something, each waiting value is still shown within about this (ms). At
 * 500 ms a 625-node drag with every value changing spent about 10.5 ms of each frame's main
 * thread; at 1000 ms about 6 ms (Chrome traces, two each). Kept under MAX_STALE_MS, or the values
 * reaching it would all be shown in one frame.
 */
export const MOVING_REFRESH_MS = 1000;
const FRAME_MS = 1000 / 60;

/** A frame later than this (ms) gets only this much time's worth of values: 30 frames a second. */
const MOVING_INTERVAL_CAP_MS = 2 * FRAME_MS;

/**
 * What a frame refreshes while the user moves something: the share of the mounted nodes that
 * the time since the last frame is of MOVING_REFRESH_MS, so every node is shown within it at
 * any frame rate down to 30 a second. A fixed count per frame took twice as long at 30 frames a
 * second, long enough for values to pass MAX_STALE_MS and all be shown in one frame. Not tied to
 * the budget, which late frames can shrink to a few nodes; a very late frame counts as
 * MOVING_INTERVAL_CAP_MS, so one stall does not load the next frame with hundreds of renders.
 */
const movingShare = (mounted: number, interval: number) => {
  const ms = Math.min(interval > 0 ? interval : FRAME_MS, MOVING_INTERVAL_CAP_MS);
  // Rounded, not ceiled: frame intervals are never exact, and 20.000001 is 20.
  return Math.max(MIN_PER_FRAME, Math.round((mounted * ms) / MOVING_REFRESH_MS));
};

export interface PacedValues {
  get(nodeId: string): NodeLive | undefined;
  /** Calls `listener` whenever the node's shown value changes. */
  subscribe(nodeId: string, listener: () => void): () => void;
  /** Takes the monitor's latest values; mounted nodes see them over the next frames. */
  offer(monitor: Monitor): void;
  /** How many nodes the next frame may refresh (adapts to how late frames are, and to input). */
  perFrame(): number;
  dispose(): void;
}

const sameLive = (a: NodeLive, b: NodeLive) =>
  a.variable.replicas === b.variable.replicas &&
  a.variable.inSync === b.variable.inSync &&
  a.variable.agree === b.variable.agree &&
  // Only a scalar compares cheaply; a set or a map (a new object each snapshot) counts as changed.
  Object.is(a.variable.value, b.variable.value) &&
  a.series.length === b.series.length &&
  a.series.at(-1) === b.series.at(-1);

/**
 * Paces live values onto the canvas. Every snapshot carries every variable, and re-rendering
 * hundreds of nodes in one frame stalls panning and dragging; instead each frame refreshes as
 * many waiting nodes as it can afford, oldest first, halving that number after a late frame and
 * growing it after a timely one (additive increase, multiplicative decrease, as TCP paces a
 * link), yet showing at once any node that would otherwise wait past MAX_STALE_MS. Nodes nobody
 * shows take new values at once, so a node mounted later starts current.
 *
 * While the user drags, pans or zooms, their frames come first: live values take only what keeps
 * each one under MOVING_REFRESH_MS old, and the budget stops growing, since growing finds its
 * limit by making frames late.
 */
export function createPacedValues(
  frames: FrameScheduler = browserFrames,
  clock: () => number = () => performance.now(),
  input: InputActivity = watchInput(),
): PacedValues {
  const shown = new Map<string, NodeLive>();
  const listeners = new Map<string, Set<() => void>>();
  // Insertion order is waiting order: a node keeps its place when a newer value replaces its own.
  const waiting = new Map<string, { live: NodeLive; since: number }>();
  let budget = START_PER_FRAME;
  let handle: number | undefined;
  let lastFrame: number | undefined;

  const notify = (nodeId: string) => {
    for (const listener of listeners.get(nodeId) ?? []) listener();
  };

  const frame = () => {
    handle = undefined;
    const now = clock();
    const interval = lastFrame === undefined ? 0 : now - lastFrame;
    const yielding = input.active();
    if (lastFrame !== undefined) {
      if (interval > LATE_FRAME_MS) budget = Math.max(MIN_PER_FRAME, Math.floor(budget / 2));
      else if (!yielding) budget = Math.min(MAX_PER_FRAME, budget + GROWTH_PER_FRAME);
    }
    // However late the frames, no node waits past MAX_STALE_MS: those that would are shown now.
    const overdue = now + interval - MAX_STALE_MS;
    let left = yielding ? movingShare(listeners.size, interval) : budget;
    for (const [nodeId, { live, since }] of waiting) {
      if (left <= 0 && since > overdue) break;
      left -= 1;
      waiting.delete(nodeId);
      shown.set(nodeId, live);
      notify(nodeId);
    }
    if (waiting.size > 0) {
      lastFrame = now;
      handle = frames.request(frame);
    } else lastFrame = undefined;
  };

  return {
    get: (nodeId) => shown.get(nodeId),
    subscribe(nodeId, listener) {
      let set = listeners.get(nodeId);
      if (!set) listeners.set(nodeId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(nodeId);
      };
    },
    offer(monitor) {
      const variables = monitor.snapshot?.variables ?? {};
      for (const nodeId of shown.keys()) {
        if (variables[nodeId] === undefined) {
          shown.delete(nodeId);
          waiting.delete(nodeId);
          notify(nodeId);
        }
      }
      for (const [nodeId, variable] of Object.entries(variables)) {
        const live = { variable, series: monitor.series[nodeId] ?? [] };
        const current = shown.get(nodeId);
        if (!listeners.has(nodeId) || current === undefined) {
          // Not on screen (or never shown): no render to pace.
          waiting.delete(nodeId);
          shown.set(nodeId, live);
          notify(nodeId);
        } else if (sameLive(current, live)) waiting.delete(nodeId);
        else waiting.set(nodeId, { live, since: waiting.get(nodeId)?.since ?? clock() });
      }
      if (waiting.size > 0 && handle === undefined) handle = frames.request(frame);
    },
    perFrame: () => (input.active() ? movingShare(listeners.size, FRAME_MS) : budget),
    dispose() {
      if (handle !== undefined) frames.cancel(handle);
      handle = undefined;
      waiting.clear();
      input.dispose();
    },
  };
}
