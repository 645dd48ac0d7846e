import { describe, expect, it } from 'vitest';
import { CatchUp } from './catch-up.js';

describe('CatchUp', () => {
  it('merges at once when it waits for nothing', () => {
    const c = new CatchUp();
    expect(c.hold('a', 1)).toBe(false);
    c.start([]);
    expect(c.hold('a', 1)).toBe(false);
  });

  it('holds remote deltas until every variable is answered, then gives them all, in order', () => {
    const c = new CatchUp();
    c.start(['a', 'b']);
    expect(c.hold('a', 1)).toBe(true);
    expect(c.hold('b', 2)).toBe(true);
    expect(c.answered('a')).toEqual([]);
    expect(c.hold('a', 3)).toBe(true);
    expect(c.answered('b')).toEqual([
      ['a', 1],
      ['b', 2],
      ['a', 3],
    ]);
    // Caught up: what comes next is merged as it comes, and nothing is held twice.
    expect(c.hold('a', 4)).toBe(false);
    expect(c.answered('a')).toEqual([]);
  });

  it('counts a variable once however often it is answered, and ignores one it does not wait for', () => {
    const c = new CatchUp();
    c.start(['a', 'b']);
    c.hold('b', 1);
    expect(c.answered('a')).toEqual([]);
    expect(c.answered('a')).toEqual([]);
    expect(c.answered('zzz')).toEqual([]);
    expect(c.hold('b', 2)).toBe(true);
    expect(c.answered('b')).toEqual([
      ['b', 1],
      ['b', 2],
    ]);
  });

  it('a refused digest, counted as answered, lets the others through (a refusal is the last word)', () => {
    const c = new CatchUp();
    c.start(['kept', 'moved']);
    c.hold('kept', 5);
    expect(c.answered('kept')).toEqual([]);
    // The hub refused the digest of `moved`: no answer will come, so it is not waited for.
    expect(c.answered('moved')).toEqual([['kept', 5]]);
  });

  it('release gives what was held and stops waiting; a new start waits afresh', () => {
    const c = new CatchUp();
    c.start(['a']);
    c.hold('a', 1);
    expect(c.release()).toEqual([['a', 1]]);
    expect(c.hold('a', 2)).toBe(false);
    c.start(['a']);
    expect(c.hold('a', 3)).toBe(true);
    expect(c.answered('a')).toEqual([['a', 3]]);
  });
});
