import { Graph, layout } from '@dagrejs/dagre';
import type { GraphDocument } from '@inflow/shared-core';
import type { XY } from './document-edits';

export interface Size {
  width: number;
  height: number;
}

/** What a node not measured yet is taken to take up. */
export const DEFAULT_NODE_SIZE: Size = { width: 200, height: 90 };

/**
 * Left-to-right layered positions for every node (dagre), with each node's measured size when
 * the canvas has one. Positions are top-left corners, as React Flow and the document use.
 */
export function layoutPositions(
  doc: GraphDocument,
  sizes: Readonly<Record<string, Size>>,
): Record<string, XY> {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of doc.nodes) {
    const size = sizes[node.id] ?? DEFAULT_NODE_SIZE;
    g.setNode(node.id, { width: size.width, height: size.height });
  }
  for (const edge of doc.edges) {
    if (g.hasNode(edge.source) && g.hasNode(edge.target)) g.setEdge(edge.source, edge.target);
  }
  layout(g);
  const positions: Record<string, XY> = {};
  for (const node of doc.nodes) {
    const laid = g.node(node.id) as { x: number; y: number } | undefined;
    if (!laid) continue;
    const size = sizes[node.id] ?? DEFAULT_NODE_SIZE;
    positions[node.id] = {
      x: Math.round(laid.x - size.width / 2),
      y: Math.round(laid.y - size.height / 2),
    };
  }
  return positions;
}
