import { createContext, useContext } from 'react';

/**
 * Below this zoom the nodes show only their label and headline value: their other text would be
 * under 6 px, and every element left out is rendering, layout, paint and hit testing saved on
 * each frame of a large graph.
 */
export const DETAIL_ZOOM = 0.45;

/**
 * Below this zoom even a node's headline is under 4 px, a smudge no one reads: live values are
 * not drawn at all, as a map leaves out the street names of a whole country. A bar stands in for
 * each value and the convergence dot stays. Drawing them cost each frame of a pan over 625
 * nodes a layout, repaint and re-layering of the whole graph for values nobody could see.
 */
export const OVERVIEW_ZOOM = 0.3;

/**
 * How much a node card shows: everything; (zoomed out) its label, value and colours; or (further
 * out) its label and colours, a bar in place of its value.
 */
export type DetailLevel = 'full' | 'low' | 'overview';

export const detailLevelAt = (zoom: number): DetailLevel =>
  zoom >= DETAIL_ZOOM ? 'full' : zoom >= OVERVIEW_ZOOM ? 'low' : 'overview';

/**
 * Provided by the canvas, so a node's parts need no subscription of their own to the zoom: they
 * re-render when the level changes, not on every zoom step.
 */
export const DetailLevelContext = createContext<DetailLevel>('full');

export const useDetailLevel = (): DetailLevel => useContext(DetailLevelContext);
