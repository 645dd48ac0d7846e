import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type FrameScheduler } from './frame-batcher';

function fakeFrames() {
  const queued = new Map<number, () => void>();
  let next = 1;
  const frames: FrameScheduler = {
    request: (callback) => {
      queued.set(next, callback);
      return next++;
    },
    cancel: (handle) => void queued.delete(handle),
  };
  const runFrame = () => {
    const callbacks = [...queued.values()];
    queued.clear();
    for (const c of callbacks) c();
  };
  return { frames, runFrame, pending: () => queued.size };
}

describe('the frame batcher', () => {
  it('applies only the latest item, once per frame', () => {
    const { frames, runFrame, pending } = fakeFrames();
    const applied: number[] = [];
    const batcher = createFrameBatcher<number>((n) => applied.push(n), frames);
    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    expect(pending()).toBe(1);
    expect(applied).toEqual([]);
    runFrame();
    expect(applied).toEqual([3]);
    runFrame();
    expect(applied).toEqual([3]);
    batcher.push(4);
    runFrame();
    expect(applied).toEqual([3, 4]);
  });

  it('drops what is pending when cancelled', () => {
    const { frames, runFrame, pending } = fakeFrames();
    const applied: number[] = [];
    const batcher = createFrameBatcher<number>((n) => applied.push(n), frames);
    batcher.push(1);
    batcher.cancel();
    expect(pending()).toBe(0);
    runFrame();
    expect(applied).toEqual([]);
  });
});
