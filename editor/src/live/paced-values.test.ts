import type { DeploymentSnapshot } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import type { FrameScheduler } from './frame-batcher';
import type { Monitor } from './monitor';
import {
  createPacedValues,
  GROWTH_PER_FRAME,
  MAX_STALE_MS,
  MOVING_REFRESH_MS,
} from './paced-values';

function rig() {
  const queued = new Map<number, () => void>();
  let next = 1;
  let now = 0;
  const frames: FrameScheduler = {
    request: (callback) => {
      queued.set(next, callback);
      return next++;
    },
    cancel: (handle) => void queued.delete(handle),
  };
  const input = { held: false, active: () => input.held, dispose: () => undefined };
  const paced = createPacedValues(frames, () => now, input);
  /** Runs one frame `ms` after the previous one. */
  const frame = (ms = 16) => {
    now += ms;
    const callbacks = [...queued.values()];
    queued.clear();
    for (const c of callbacks) c();
  };
  return { paced, frame, input, scheduled: () => queued.size };
}

/** A monitor where variable `v<i>` has count `value(i)`. */
function monitorOf(size: number, value: (i: number) => number): Monitor {
  const variables: DeploymentSnapshot['variables'] = {};
  const series: Record<string, number[]> = {};
  for (let i = 0; i < size; i++) {
    variables[`v${i}`] = { value: value(i), replicas: 2, inSync: 2, agree: true };
    series[`v${i}`] = [value(i)];
  }
  const snapshot = {
    deployment: 'd_1',
    status: 'running',
    version: 1,
    variables,
    local: {},
    sinks: {},
    agents: [],
  };
  return { snapshot, samples: [], series, rates: {} };
}

const watchAll = (paced: ReturnType<typeof rig>['paced'], size: number) => {
  const renders = new Map<string, number>();
  for (let i = 0; i < size; i++) {
    paced.subscribe(`v${i}`, () => renders.set(`v${i}`, (renders.get(`v${i}`) ?? 0) + 1));
  }
  return renders;
};

/** 600 watched nodes, each with a new value waiting, while the user moves something. */
function movingWith600Waiting() {
  const { paced, frame, input } = rig();
  paced.offer(monitorOf(600, () => 0));
  const renders = watchAll(paced, 600);
  input.held = true;
  paced.offer(monitorOf(600, () => 1));
  return { paced, frame, renders };
}

const shownValue = (paced: ReturnType<typeof rig>['paced'], id: string) =>
  paced.get(id)?.variable.value;

describe('paced live values', () => {
  it('shows a node nobody watches at once, and one first seen at once', () => {
    const { paced, scheduled } = rig();
    paced.offer(monitorOf(3, () => 1));
    expect(shownValue(paced, 'v2')).toBe(1);
    const renders = watchAll(paced, 3);
    paced.offer(monitorOf(4, () => 1));
    expect(shownValue(paced, 'v3')).toBe(1);
    // Equal values are not re-rendered and nothing is scheduled for them.
    expect(renders.size).toBe(0);
    expect(scheduled()).toBe(0);
  });

  it('refreshes watched nodes over frames, oldest first, re-rendering each only once', () => {
    const { paced, frame } = rig();
    paced.offer(monitorOf(200, () => 0));
    const renders = watchAll(paced, 200);
    paced.offer(monitorOf(200, () => 1));
    expect(shownValue(paced, 'v0')).toBe(0);
    frame();
    const first = [...renders.keys()];
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(200);
    expect(first[0]).toBe('v0');
    // A newer value for a node still waiting keeps its place and replaces the older one.
    paced.offer(monitorOf(200, () => 2));
    for (let i = 0; i < 50 && renders.size < 200; i++) frame();
    expect(renders.size).toBe(200);
    expect(shownValue(paced, 'v199')).toBe(2);
    expect(renders.get('v199')).toBe(1);
  });

  it('halves what a frame shows after a late frame and grows it after timely ones', () => {
    const { paced, frame } = rig();
    paced.offer(monitorOf(2000, () => 0));
    watchAll(paced, 2000);
    paced.offer(monitorOf(2000, () => 1));
    frame(16);
    frame(16);
    const timely = paced.perFrame();
    frame(16);
    expect(paced.perFrame()).toBe(timely + GROWTH_PER_FRAME);
    frame(50);
    expect(paced.perFrame()).toBeLessThan(timely);
  });

  it('while the user moves something, stops growing the budget; a late frame still halves it', () => {
    const { paced, frame, input } = rig();
    paced.offer(monitorOf(20_000, () => 0));
    watchAll(paced, 20_000);
    paced.offer(monitorOf(20_000, () => 1));
    // All within MAX_STALE_MS, or the overdue nodes would all be shown in one frame.
    for (let i = 0; i < 30; i++) frame(16);
    const free = paced.perFrame();
    input.held = true;
    for (let i = 0; i < 10; i++) frame(16);
    input.held = false;
    expect(paced.perFrame()).toBe(free);
    frame(16);
    expect(paced.perFrame()).toBe(free + GROWTH_PER_FRAME);
    input.held = true;
    frame(50);
    input.held = false;
    expect(paced.perFrame()).toBe(Math.floor((free + GROWTH_PER_FRAME) / 2));
  });

  it('while the user moves something, shows few values a frame, yet each within MOVING_REFRESH_MS', () => {
    const { paced, frame, renders } = movingWith600Waiting();
    let elapsed = 0;
    let most = 0;
    while (renders.size < 600 && elapsed <= MAX_STALE_MS) {
      const before = renders.size;
      frame(1000 / 60);
      elapsed += 1000 / 60;
      most = Math.max(most, renders.size - before);
    }
    expect(renders.size).toBe(600);
    expect(elapsed).toBeLessThanOrEqual(MOVING_REFRESH_MS + 20);
    // 600 values over 30 frames: 20 a frame, not the free budget of 64 and growing.
    expect(most).toBe(Math.round((600 * 1000) / 60 / MOVING_REFRESH_MS));
    expect(paced.perFrame()).toBe(most);
  });

  it('while the user moves something at 30 frames a second, still shows each value within MOVING_REFRESH_MS', () => {
    const { frame, renders } = movingWith600Waiting();
    const shownPerFrame: number[] = [];
    let elapsed = 0;
    while (renders.size < 600 && elapsed <= MAX_STALE_MS) {
      const before = renders.size;
      frame(1000 / 30);
      elapsed += 1000 / 30;
      shownPerFrame.push(renders.size - before);
    }
    expect(renders.size).toBe(600);
    // Within one frame of it; the epsilon absorbs the float sum of 31 intervals of 1000 / 30.
    expect(elapsed).toBeLessThanOrEqual(MOVING_REFRESH_MS + 1000 / 30 + 1e-6);
    // Twice the share of a frame at 60 Hz, and no burst of overdue values.
    expect(Math.max(...shownPerFrame)).toBe(Math.round((600 * 1000) / 30 / MOVING_REFRESH_MS));
  });

  it("while the user moves something, a stalled frame takes two refreshes' worth, not its backlog", () => {
    const { frame, renders } = movingWith600Waiting();
    frame(16);
    const before = renders.size;
    frame(400);
    // 400 ms would be 480 values; it counts as two refreshes' worth (30 frames a second).
    expect(renders.size - before).toBe(Math.round((600 * 1000) / 30 / MOVING_REFRESH_MS));
  });

  it('shows every waiting node within MAX_STALE_MS however late the frames are', () => {
    const { paced, frame } = rig();
    paced.offer(monitorOf(1000, () => 0));
    const renders = watchAll(paced, 1000);
    paced.offer(monitorOf(1000, () => 1));
    let elapsed = 0;
    // Frames 100 ms apart: halving alone would fall to a few nodes per frame.
    while (renders.size < 1000 && elapsed <= 2 * MAX_STALE_MS) {
      frame(100);
      elapsed += 100;
    }
    expect(renders.size).toBe(1000);
    expect(elapsed).toBeLessThanOrEqual(MAX_STALE_MS + 200);
  });

  it('drops the values of variables a new snapshot no longer has', () => {
    const { paced } = rig();
    paced.offer(monitorOf(2, () => 5));
    const renders = watchAll(paced, 2);
    paced.offer(monitorOf(1, () => 5));
    expect(paced.get('v1')).toBeUndefined();
    expect(renders.get('v1')).toBe(1);
  });
});
