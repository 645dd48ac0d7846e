import { describe, expect, it } from 'vitest';
import { placeMenu } from './menu-placement';

const room = { width: 1000, height: 800 };
const size = { width: 200, height: 300 };

describe('where a menu opens', () => {
  it('opens below and right of the pointer when there is room', () => {
    expect(placeMenu({ x: 100, y: 50 }, size, room)).toEqual({ x: 100, y: 50 });
  });

  it('flips left near the right edge and up near the bottom edge', () => {
    expect(placeMenu({ x: 900, y: 50 }, size, room)).toEqual({ x: 700, y: 50 });
    expect(placeMenu({ x: 100, y: 700 }, size, room)).toEqual({ x: 100, y: 400 });
    expect(placeMenu({ x: 990, y: 790 }, size, room)).toEqual({ x: 790, y: 490 });
  });

  it('stays inside the window when neither side has room', () => {
    const tall = { width: 200, height: 700 };
    expect(placeMenu({ x: 100, y: 400 }, tall, room)).toEqual({ x: 100, y: 4 });
    const huge = { width: 1200, height: 900 };
    expect(placeMenu({ x: 500, y: 400 }, huge, room)).toEqual({ x: 4, y: 4 });
  });
});

describe('where a menu opens inside a part of the window', () => {
  // The canvas between a 230 px palette and a 320 px side panel, under a 40 px toolbar.
  const canvas = { left: 230, top: 40, width: 450, height: 600 };

  it('flips and clamps against that part, not the window', () => {
    expect(placeMenu({ x: 300, y: 100 }, size, canvas)).toEqual({ x: 300, y: 100 });
    expect(placeMenu({ x: 600, y: 500 }, size, canvas)).toEqual({ x: 400, y: 200 });
    expect(placeMenu({ x: 250, y: 60 }, { width: 500, height: 700 }, canvas)).toEqual({
      x: 234,
      y: 44,
    });
  });
});
