import { Graph, layout } from '@dagrejs/dagre';
import type { GraphDocument } from '@inflow/shared-core';
import type { XY } from './document-edits';

export interface Size {
  width: number;
  height: number;
}

/** What a node not measured yet is taken to take up. */
export const DEFAULT_NODE_SIZE: Size = { width: 200, height: 90 };

/** Room between two components side by side or one under the other. */
const COMPONENT_GAP = 60;
/** Width to height the rows of components aim at: about a landscape window's, so a fit reads. */
const ASPECT = 1.6;

interface Block {
  positions: Record<string, XY>;
  width: number;
  height: number;
}

/** The nodes each connected component holds (edges taken both ways), in document order. */
function components(doc: GraphDocument): string[][] {
  const parent = new Map(doc.nodes.map((n) => [n.id, n.id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    parent.set(id, r);
    return r;
  };
  for (const e of doc.edges) {
    if (parent.has(e.source) && parent.has(e.target)) parent.set(root(e.source), root(e.target));
  }
  const groups = new Map<string, string[]>();
  for (const n of doc.nodes) {
    const r = root(n.id);
    groups.set(r, [...(groups.get(r) ?? []), n.id]);
  }
  return [...groups.values()];
}

/** One component, layered left to right by dagre, moved so its top-left corner is at 0, 0. */
function layoutComponent(
  doc: GraphDocument,
  ids: readonly string[],
  sizeOf: (id: string) => Size,
): Block {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) g.setNode(id, { ...sizeOf(id) });
  for (const edge of doc.edges) {
    if (g.hasNode(edge.source) && g.hasNode(edge.target)) g.setEdge(edge.source, edge.target);
  }
  layout(g);
  const corners = ids.map((id) => {
    const laid = g.node(id) as { x: number; y: number };
    const size = sizeOf(id);
    return { id, x: laid.x - size.width / 2, y: laid.y - size.height / 2, ...size };
  });
  const left = Math.min(...corners.map((c) => c.x));
  const top = Math.min(...corners.map((c) => c.y));
  const positions: Record<string, XY> = {};
  for (const c of corners)
    positions[c.id] = { x: Math.round(c.x - left), y: Math.round(c.y - top) };
  return {
    positions,
    width: Math.max(...corners.map((c) => c.x + c.width)) - left,
    height: Math.max(...corners.map((c) => c.y + c.height)) - top,
  };
}

/**
 * Left-to-right layered positions for every node (dagre), with each node's measured size when
 * the canvas has one. Positions are top-left corners, as React Flow and the document use.
 * Components not wired to each other (a lone node too) are laid out each on its own and set in
 * rows, the biggest first, rather than stacked in one tall column as dagre would: fitted to the
 * window, a column of many nodes is too small to read.
 */
export function layoutPositions(
  doc: GraphDocument,
  sizes: Readonly<Record<string, Size>>,
): Record<string, XY> {
  const sizeOf = (id: string) => sizes[id] ?? DEFAULT_NODE_SIZE;
  const blocks = components(doc)
    .map((ids) => layoutComponent(doc, ids, sizeOf))
    // Stable: components of the same size keep the document's order.
    .sort((a, b) => Object.keys(b.positions).length - Object.keys(a.positions).length);
  const area = blocks.reduce(
    (sum, b) => sum + (b.width + COMPONENT_GAP) * (b.height + COMPONENT_GAP),
    0,
  );
  const rowWidth = Math.max(...blocks.map((b) => b.width), Math.sqrt(area * ASPECT));
  const positions: Record<string, XY> = {};
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const block of blocks) {
    if (x > 0 && x + block.width > rowWidth) {
      x = 0;
      y += rowHeight + COMPONENT_GAP;
      rowHeight = 0;
    }
    for (const [id, p] of Object.entries(block.positions)) {
      positions[id] = { x: p.x + x, y: p.y + y };
    }
    x += block.width + COMPONENT_GAP;
    rowHeight = Math.max(rowHeight, block.height);
  }
  return positions;
}
