import { describe, expect, it } from 'vitest';
import { RecentEvents } from './recent-events.js';

const effect = (n: number) => ({ at: n, kind: 'effect' as const, message: `effect ${n}` });

describe('the recent hub events', () => {
  it('numbers each event and keeps the newest, oldest first, up to its capacity', () => {
    const recent = new RecentEvents(3, 'boot');
    const numbered = [1, 2, 3, 4, 5].map((n) => recent.record(effect(n)));
    expect(numbered.map((e) => e.id)).toEqual(['boot-1', 'boot-2', 'boot-3', 'boot-4', 'boot-5']);
    expect(recent.list()).toEqual(numbered.slice(2));
    // A copy: what a caller does with it changes nothing kept.
    recent.list().pop();
    expect(recent.list()).toHaveLength(3);
  });

  it('gives ids that another start does not give again', () => {
    const before = new RecentEvents().record(effect(1));
    const after = new RecentEvents().record(effect(1));
    expect(before.id).toMatch(/^[0-9a-f]{12}-1$/);
    expect(after.id).not.toBe(before.id);
  });
});
