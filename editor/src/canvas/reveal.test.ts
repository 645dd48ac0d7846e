import { describe, expect, it } from 'vitest';
import { DETAIL_ZOOM } from './detail-level';
import { revealCentre } from './reveal';

const node = { x: 100, y: 40, width: 180, height: 60 };
const view = { width: 1000, height: 700, zoom: 1 };

describe('revealCentre', () => {
  it('pans to the middle of the nodes, keeping a readable zoom', () => {
    expect(revealCentre(node, view)).toEqual({ x: 190, y: 70, zoom: 1 });
    expect(revealCentre(node, { ...view, zoom: DETAIL_ZOOM })).toMatchObject({
      zoom: DETAIL_ZOOM,
    });
  });

  it('leaves a zoom too far out to read, or nodes too big for the view, to a fit', () => {
    expect(revealCentre(node, { ...view, zoom: DETAIL_ZOOM - 0.01 })).toBeUndefined();
    const wide = { x: 0, y: 0, width: 900, height: 60 };
    expect(revealCentre(wide, view)).toBeUndefined();
    expect(revealCentre(wide, { ...view, zoom: 0.8 })).toEqual({ x: 450, y: 30, zoom: 0.8 });
    expect(revealCentre({ ...node, height: 600 }, view)).toBeUndefined();
  });
});
