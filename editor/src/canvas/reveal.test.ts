import { describe, expect, it } from 'vitest';
import { DETAIL_ZOOM } from './detail-level';
import { READABLE_ZOOM, readableStart, revealCentre, shownWhole } from './reveal';

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

describe('shownWhole', () => {
  const size = { width: 1000, height: 700 };
  it('tells nodes wholly in the view from nodes partly or wholly out of it', () => {
    expect(shownWhole(node, [0, 0, 1], size)).toBe(true);
    expect(shownWhole(node, [-150, 0, 1], size)).toBe(false);
    expect(shownWhole(node, [0, 0, 4], size)).toBe(false);
    expect(shownWhole({ ...node, y: 2000 }, [0, 0, 1], size)).toBe(false);
    expect(shownWhole({ ...node, y: 2000 }, [0, -1800, 1], size)).toBe(true);
  });
});

describe('readableStart', () => {
  const size = { width: 1000, height: 600 };
  it('opens a wide graph at its left edge, readable, centred when its height fits', () => {
    expect(READABLE_ZOOM).toBeGreaterThan(DETAIL_ZOOM);
    const wide = { x: 100, y: 0, width: 3000, height: 400 };
    expect(readableStart(wide, size)).toEqual({ x: 40 - 75, y: 300 - 150, zoom: READABLE_ZOOM });
  });

  it('opens a tall graph at its top-left corner', () => {
    const tall = { x: 0, y: -200, width: 400, height: 3000 };
    expect(readableStart(tall, size)).toEqual({ x: 40, y: 40 + 150, zoom: READABLE_ZOOM });
  });
});
