import type { GraphDocument, GraphEdge, GraphNode } from '@inflow/shared-core';
import { idBase, uniqueId } from './unique-id';

/** Copied nodes and the edges among them, detached from any document. */
export interface Fragment {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** The selected nodes, and every edge whose two ends are both selected. */
export function copyFragment(doc: GraphDocument, nodeIds: readonly string[]): Fragment | undefined {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return undefined;
  const edges = doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return structuredClone({ nodes, edges });
}

/**
 * Adds a copy of `fragment` to `doc`, shifted by `offset`. Ids that are taken get a fresh one
 * (ids are variable names, so a copy must never alias the original).
 */
export function pasteFragment(
  doc: GraphDocument,
  fragment: Fragment,
  offset: { x: number; y: number },
): { doc: GraphDocument; nodeIds: string[]; edgeIds: string[] } {
  const takenNodes = new Set(doc.nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  const nodes = fragment.nodes.map((n): GraphNode => {
    const id = uniqueId(idBase(n.id.replace(/\d+$/, '')), takenNodes, false);
    takenNodes.add(id);
    renamed.set(n.id, id);
    return {
      ...structuredClone(n),
      id,
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    };
  });
  const takenEdges = new Set(doc.edges.map((e) => e.id));
  const edges = fragment.edges.map((e): GraphEdge => {
    const source = renamed.get(e.source) ?? e.source;
    const target = renamed.get(e.target) ?? e.target;
    const id = uniqueId(`${source}-${target}`, takenEdges, true);
    takenEdges.add(id);
    return { ...e, id, source, target };
  });
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
    edgeIds: edges.map((e) => e.id),
  };
}
