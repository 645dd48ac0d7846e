import type { GraphDocument, GraphNode } from '@inflow/shared-core';

const indexes = new WeakMap<GraphDocument, ReadonlyMap<string, GraphNode>>();

/** A node by id, indexed once per document (documents are immutable), for per-node badges. */
export function nodeOf(doc: GraphDocument, id: string): GraphNode | undefined {
  let index = indexes.get(doc);
  if (!index) {
    index = new Map(doc.nodes.map((n) => [n.id, n]));
    indexes.set(doc, index);
  }
  return index.get(id);
}
