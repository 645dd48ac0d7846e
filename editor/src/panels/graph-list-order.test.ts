import { describe, expect, it } from 'vitest';
import type { GraphSummary } from '../api/graphs-api';
import { matchingGraphs, newestFirst } from './graph-list-order';

const graph = (id: string, name: string, updatedAt: string): GraphSummary => ({
  id,
  name,
  rev: 1,
  updatedAt,
});

// As the control plane lists them: oldest created first.
const listed = [
  graph('g_a', 'Ad counter', '2030-01-01T10:00:00.000Z'),
  graph('g_b', 'Leaderboard', '2030-01-03T09:00:00.000Z'),
  graph('g_c', 'Ad counter', '2030-01-02T08:00:00.000Z'),
  graph('g_d', 'Scratch', '2030-01-03T09:00:00.000Z'),
];
const ids = (gs: readonly GraphSummary[]) => gs.map((g) => g.id);

describe('the graph list', () => {
  it('puts the most recently changed first, the later created first among equals', () => {
    expect(ids(newestFirst(listed))).toEqual(['g_d', 'g_b', 'g_c', 'g_a']);
    expect(ids(listed)).toEqual(['g_a', 'g_b', 'g_c', 'g_d']);
  });

  it('finds graphs by every word of their name or id, ignoring case, in the order given', () => {
    // Anywhere in the name, as Find node does: "lead" holds "ad".
    expect(ids(matchingGraphs(listed, 'ad'))).toEqual(['g_a', 'g_b', 'g_c']);
    expect(ids(matchingGraphs(listed, '  COUNTER  ad '))).toEqual(['g_a', 'g_c']);
    expect(ids(matchingGraphs(listed, 'g_c'))).toEqual(['g_c']);
    expect(ids(matchingGraphs(listed, 'ad g_c'))).toEqual(['g_c']);
    expect(ids(matchingGraphs(listed, 'ad board'))).toEqual(['g_b']);
    expect(ids(matchingGraphs(listed, 'counter board'))).toEqual([]);
    expect(ids(matchingGraphs(listed, ' '))).toEqual(ids(listed));
  });
});
