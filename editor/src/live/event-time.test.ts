import { describe, expect, it } from 'vitest';
import { eventTime, fullTime } from './event-time';

const at = (y: number, m: number, d: number, h: number, min: number, s: number) =>
  new Date(y, m - 1, d, h, min, s).getTime();

describe("an event's time", () => {
  it("is the time of day for today's events, and the date too for older ones", () => {
    const now = at(2026, 11, 21, 18, 0, 0);
    expect(eventTime(at(2026, 11, 21, 9, 5, 7), now)).toBe('09:05:07');
    expect(eventTime(at(2026, 11, 20, 23, 59, 59), now)).toBe('2026-11-20 23:59:59');
    expect(eventTime(at(2025, 1, 2, 3, 4, 5), now)).toBe('2025-01-02 03:04:05');
  });

  it('names its zone in full, for the tooltip', () => {
    expect(fullTime(at(2026, 11, 21, 9, 5, 7))).toMatch(/2026.*9:05:07.*(UTC|GMT|[A-Z]{2,5})/);
  });
});
