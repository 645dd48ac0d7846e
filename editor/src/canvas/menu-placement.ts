import type { XY } from '../store/document-edits';

export interface Extent {
  width: number;
  height: number;
}

/** Where a menu may show, in window coordinates: the window (from 0, 0), or a part of it. */
export interface Room extends Extent {
  left?: number;
  top?: number;
}

/** Gap kept between a menu and the window's edges. */
const MARGIN = 4;

/** One axis: open after the anchor, before it when that overflows, and never out of the room. */
function placeAxis(anchor: number, size: number, from: number, room: number): number {
  const end = from + room - MARGIN;
  const start = anchor + size > end ? anchor - size : anchor;
  return Math.max(from + MARGIN, Math.min(start, end - size));
}

/**
 * Where a menu of `size` opens for a pointer at `anchor` (both in window coordinates): below and
 * right of it, flipped left or up near the right or bottom edge of the room, as native context
 * menus do.
 */
export function placeMenu(anchor: XY, size: Extent, room: Room): XY {
  return {
    x: placeAxis(anchor.x, size.width, room.left ?? 0, room.width),
    y: placeAxis(anchor.y, size.height, room.top ?? 0, room.height),
  };
}

/** The room an element takes up on screen. */
export function roomOf(element: Element): Room {
  const r = element.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}
