import type { GraphDocument } from '../graph/graph-document.js';

/**
 * The states a replica needs to run `nodes` and hold `variables`: those, plus every variable or
 * operator output an edge connects to a node it runs (its inputs, and what its actions write).
 */
export function heldState(
  graph: GraphDocument,
  nodes: Iterable<string>,
  variables: Iterable<string>,
): Set<string> {
  const held = new Set(variables);
  const runs = new Set(nodes);
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const isState = (id: string) => kinds.get(id) === 'variable' || kinds.get(id) === 'operator';
  for (const e of graph.edges) {
    if (runs.has(e.target) && isState(e.source)) held.add(e.source);
    if (runs.has(e.source) && isState(e.target)) held.add(e.target);
  }
  for (const id of runs) if (isState(id)) held.add(id);
  return held;
}
