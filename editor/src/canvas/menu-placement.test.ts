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
