import { describe, expect, it } from 'vitest';
import { clipClass } from './text-clip';

describe('clipClass', () => {
  it('clips only text longer than what surely fits', () => {
    expect(clipClass('label', 'v12', 12)).toBe('label');
    expect(clipClass('label', 'x'.repeat(12), 12)).toBe('label');
    expect(clipClass('label', 'x'.repeat(13), 12)).toBe('label is-clipped');
  });
});
