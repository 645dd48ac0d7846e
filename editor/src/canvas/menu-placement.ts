import type { XY } from '../store/document-edits';

export interface Extent {
  width: number;
  height: number;
}

/** Gap kept between a menu and the window's edges. */
const MARGIN = 4;

/** One axis: open after the anchor, before it when that overflows, and never off the window. */
function placeAxis(anchor: number, size: number, room: number): number {
  const start = anchor + size > room - MARGIN ? anchor - size : anchor;
  return Math.max(MARGIN, Math.min(start, room - size - MARGIN));
}

/**
 * Where a menu of `size` opens for a pointer at `anchor` (both in window coordinates): below and
 * right of it, flipped left or up near the right or bottom edge, as native context menus do.
 */
export function placeMenu(anchor: XY, size: Extent, room: Extent): XY {
  return {
    x: placeAxis(anchor.x, size.width, room.width),
    y: placeAxis(anchor.y, size.height, room.height),
  };
}
