import type { GraphSummary } from '../api/graphs-api';

/**
 * The graphs most recently changed first (a save, a rename), which is usually the one sought. The
 * control plane lists them oldest first, so among changes at the same instant the later-created
 * one still comes first.
 */
export function newestFirst(graphs: readonly GraphSummary[]): GraphSummary[] {
  return graphs
    .map((graph, order) => ({ graph, order, at: Date.parse(graph.updatedAt) || 0 }))
    .sort((a, b) => b.at - a.at || b.order - a.order)
    .map((g) => g.graph);
}

/** The graphs whose name or id holds every word of `query`, ignoring case, in the same order. */
export function matchingGraphs(graphs: readonly GraphSummary[], query: string): GraphSummary[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return [...graphs];
  return graphs.filter((g) => {
    const text = `${g.name}\n${g.id}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
