import type { Rect } from '@xyflow/react';
import { DETAIL_ZOOM } from './detail-level';

/** The canvas on screen: its size in px and its zoom. */
export interface ViewSize {
  width: number;
  height: number;
  zoom: number;
}

/** Of the view's width and height, the share the revealed nodes may take up. */
const ROOM = 0.8;

/**
 * Where to centre to bring nodes into view without zooming, as Node-RED's "reveal" does: when
 * the zoom shows them whole and readable, the view only pans, so the user keeps their bearings.
 * `undefined` when they must be fitted instead (zoomed too far out, or too big at this zoom).
 */
export function revealCentre(
  bounds: Rect,
  view: ViewSize,
): { x: number; y: number; zoom: number } | undefined {
  const fits =
    bounds.width * view.zoom <= view.width * ROOM &&
    bounds.height * view.zoom <= view.height * ROOM;
  if (view.zoom < DETAIL_ZOOM || !fits) return undefined;
  return { x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2, zoom: view.zoom };
}
