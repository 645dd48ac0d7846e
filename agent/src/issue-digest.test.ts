import { describe, expect, it } from 'vitest';
import { MAX_ELEMENT_TEXT } from '@inflow/shared-core';
import { ISSUE_QUIET_MS, IssueDigest } from './issue-digest.js';

describe('IssueDigest', () => {
  it('reports a new issue at once, then its repeats once the quiet time is over', () => {
    const digest = new IssueDigest();
    digest.note('removeAd', 'No such key: id');
    digest.note('removeAd', 'No such key: id');
    expect(digest.take(0)).toEqual([{ where: 'removeAd', message: 'No such key: id', count: 2 }]);
    digest.note('removeAd', 'No such key: id');
    digest.note('removeAd', 'No such key: id');
    expect(digest.take(1000)).toEqual([]);
    digest.note('removeAd', 'No such key: id');
    expect(digest.take(ISSUE_QUIET_MS)).toEqual([
      { where: 'removeAd', message: 'No such key: id', count: 3 },
    ]);
    expect(digest.take(3 * ISSUE_QUIET_MS)).toEqual([]);
  });

  it('tells issues apart by place and message, and reports at most 20 at a time', () => {
    const digest = new IssueDigest();
    digest.note('a', 'one');
    digest.note('b', 'one');
    digest.note('a', 'two');
    expect(digest.take(0).map((i) => `${i.where}:${i.message}`)).toEqual([
      'a:one',
      'b:one',
      'a:two',
    ]);
    for (let i = 0; i < 25; i++) digest.note('n', `issue ${i}`);
    expect(digest.take(1)).toHaveLength(20);
    expect(digest.take(2).map((i) => i.message)).toEqual([
      'issue 20',
      'issue 21',
      'issue 22',
      'issue 23',
      'issue 24',
    ]);
  });

  it('remembers at most 200 issues, forgetting reported ones to make room', () => {
    const digest = new IssueDigest();
    for (let i = 0; i < 200; i++) digest.note('n', `old ${i}`);
    digest.note('n', 'no room');
    const reported: string[] = [];
    for (let t = 0; t < 11; t++) reported.push(...digest.take(t).map((i) => i.message));
    expect(reported).toHaveLength(200);
    expect(reported).not.toContain('no room');
    digest.note('n', 'new');
    expect(digest.take(ISSUE_QUIET_MS * 2).map((i) => i.message)).toEqual(['new']);
  });

  it('names the first element of each report, bounded, and a fresh one in the next', () => {
    const digest = new IssueDigest();
    digest.note('removeAd', 'No such key: id', 'plain');
    digest.note('removeAd', 'No such key: id', 'other');
    digest.note('f', 'not a number', { big: 'x'.repeat(1000) });
    const [first, big] = digest.take(0);
    expect(first).toEqual({
      where: 'removeAd',
      message: 'No such key: id',
      element: '"plain"',
      count: 2,
    });
    expect(big?.element).toHaveLength(MAX_ELEMENT_TEXT);
    expect(big?.element?.endsWith('…')).toBe(true);
    digest.note('removeAd', 'No such key: id', 'third');
    expect(digest.take(ISSUE_QUIET_MS)).toEqual([
      { where: 'removeAd', message: 'No such key: id', element: '"third"', count: 1 },
    ]);
    digest.note('removeAd', 'No such key: id');
    expect(digest.take(3 * ISSUE_QUIET_MS)[0]).not.toHaveProperty('element');
  });
});
