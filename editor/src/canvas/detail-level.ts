import { createContext, useContext } from 'react';

/**
 * Below this zoom the nodes show only their label and headline value: their other text would be
 * under 6 px, and every element left out is rendering, layout, paint and hit testing saved on
 * each frame of a large graph.
 */
export const DETAIL_ZOOM = 0.45;

/** How much a node card shows: everything, or (zoomed out) its label, value and colours. */
export type DetailLevel = 'full' | 'low';

export const detailLevelAt = (zoom: number): DetailLevel => (zoom < DETAIL_ZOOM ? 'low' : 'full');

/**
 * Provided by the canvas, so a node's parts need no subscription of their own to the zoom: they
 * re-render when the level changes, not on every zoom step.
 */
export const DetailLevelContext = createContext<DetailLevel>('full');

export const useDetailLevel = (): DetailLevel => useContext(DetailLevelContext);
