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

/**
 * Whether `bounds` (flow coordinates) lie wholly in a view of `size` px panned and zoomed by
 * `transform` (React Flow's [x, y, zoom]).
 */
export function shownWhole(
  bounds: Rect,
  transform: readonly [number, number, number],
  size: { width: number; height: number },
): boolean {
  const [tx, ty, zoom] = transform;
  const left = bounds.x * zoom + tx;
  const top = bounds.y * zoom + ty;
  return (
    left >= 0 &&
    top >= 0 &&
    left + bounds.width * zoom <= size.width &&
    top + bounds.height * zoom <= size.height
  );
}

/**
 * The least zoom a graph opens at (a template, a graph opened, an auto-layout): at the 0.6 or so
 * that fits a dozen nodes in a laptop's canvas, their text is about 7 px. Well above
 * `DETAIL_ZOOM`, so an opened graph always shows its nodes in full; "Fit view" (the controls,
 * the canvas menu) still shows the whole graph at any zoom.
 */
export const READABLE_ZOOM = 0.75;

/** Room kept between the view's edges and a graph opened at its start. */
const START_MARGIN = 40;

/**
 * The view of a graph too big to fit readable: at `READABLE_ZOOM`, its left edge (where its
 * sources are, laid out left to right) near the view's; centred vertically when its height fits,
 * else from its top.
 */
export function readableStart(
  bounds: Rect,
  size: { width: number; height: number },
): { x: number; y: number; zoom: number } {
  const zoom = READABLE_ZOOM;
  const fitsTall = bounds.height * zoom <= size.height - 2 * START_MARGIN;
  const y = fitsTall
    ? size.height / 2 - (bounds.y + bounds.height / 2) * zoom
    : START_MARGIN - bounds.y * zoom;
  return { x: START_MARGIN - bounds.x * zoom, y, zoom };
}
