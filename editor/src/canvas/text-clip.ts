/**
 * How many characters of each node line fit the card's fixed width unclipped: estimated from
 * that width and each line's font size, on the short side. Longer text gets the `is-clipped`
 * class (an overflow clip with an ellipsis); shorter text gets none, because on a canvas of
 * hundreds of nodes every clip is a paint chunk that the browser layerizes again on each frame.
 */
export const FITS = {
  label: 12,
  detail: 22,
  agents: 20,
  /** A local variable's copy: a line of its own. */
  copy: 22,
  items: 22,
  /** A value's items, beside its sparkline. */
  itemsBeside: 13,
  /** A value's headline, beside its sparkline and the "agree" badge. */
  headline: 7,
  /** A value's headline, beside its convergence badge alone (as wide as "agree" or "12/13"). */
  headlineAlone: 9,
} as const;

/** `base`, plus `is-clipped` when `text` may not fit in `fits` characters. */
export function clipClass(base: string, text: string, fits: number): string {
  return text.length > fits ? `${base} is-clipped` : base;
}
