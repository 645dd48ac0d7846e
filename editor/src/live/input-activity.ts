/** Whether the user is in the middle of moving something: a pointer held down, a wheel turning. */
export interface InputActivity {
  active(): boolean;
  dispose(): void;
}

/** A wheel gesture has no end event: it counts as going on until the wheel is still this long. */
export const WHEEL_SETTLE_MS = 150;

/**
 * Watches `target` for pointers held down and wheel turns, in the capture phase and passively,
 * so nothing the page does can hide them and watching costs the input nothing.
 */
export function watchInput(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  clock: () => number = () => performance.now(),
): InputActivity {
  const held = new Set<number>();
  let wheelAt = -Infinity;
  const down = (e: Event) => held.add((e as PointerEvent).pointerId);
  const up = (e: Event) => held.delete((e as PointerEvent).pointerId);
  // A release outside the window may never arrive: the window losing focus ends every press.
  // Only the window's own blur: an element's blur (a click moving focus to a node) reaches this
  // capturing listener too.
  const reset = (e: Event) => {
    if ((e.target as { nodeType?: number } | null)?.nodeType === undefined) held.clear();
  };
  const wheel = () => {
    wheelAt = clock();
  };
  const listeners: Array<[string, (e: Event) => void]> = [
    ['pointerdown', down],
    ['pointerup', up],
    ['pointercancel', up],
    ['blur', reset],
    ['wheel', wheel],
  ];
  const options = { capture: true, passive: true };
  for (const [type, listener] of listeners) target.addEventListener(type, listener, options);
  return {
    active: () => held.size > 0 || clock() - wheelAt < WHEEL_SETTLE_MS,
    dispose() {
      for (const [type, listener] of listeners) {
        target.removeEventListener(type, listener, options);
      }
    },
  };
}
