export interface FrameBatcher<T> {
  /** Keeps `item` as the latest; the next frame applies it (and only it). */
  push(item: T): void;
  cancel(): void;
}

export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export const browserFrames: FrameScheduler = {
  request: (callback) => window.requestAnimationFrame(() => callback()),
  cancel: (handle) => window.cancelAnimationFrame(handle),
};

/**
 * Coalesces a stream into at most one `apply` per animation frame, with the latest item: a
 * snapshot carries the whole live state, so the ones in between can be dropped, and the canvas
 * re-renders once per frame at most however fast they come.
 */
export function createFrameBatcher<T>(
  apply: (item: T) => void,
  frames: FrameScheduler = browserFrames,
): FrameBatcher<T> {
  let pending: { item: T } | undefined;
  let handle: number | undefined;
  return {
    push(item) {
      pending = { item };
      if (handle !== undefined) return;
      handle = frames.request(() => {
        handle = undefined;
        const next = pending;
        pending = undefined;
        if (next) apply(next.item);
      });
    },
    cancel() {
      if (handle !== undefined) frames.cancel(handle);
      handle = undefined;
      pending = undefined;
    },
  };
}
