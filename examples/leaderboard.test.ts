import { describe, expect, it } from 'vitest';
import { runLeaderboard } from './leaderboard.js';

describe('the leaderboard with 10 clients and 2,000 games', () => {
  it('ends with the true top-K on every client', () => {
    const report = runLeaderboard({ clients: 10, games: 2000, k: 3, seed: 2016, latency: 30 });
    expect(report.expected).toHaveLength(3);
    for (const [client, view] of Object.entries(report.views)) {
      expect([client, view]).toEqual([client, report.expected]);
    }
  });
});
