import {
  GRAPH_FORMAT,
  GRAPH_VERSION,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
} from '@inflow/shared-core';
import { exportDocument, importDocument } from './import-document';
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
 * (ids are variable names, so a copy must never alias the original); a free id is kept, so cut and
 * paste, or a paste into another graph, keeps the names (as Node-RED's import keeps free ids).
 */
export function pasteFragment(
  doc: GraphDocument,
  fragment: Fragment,
  offset: { x: number; y: number },
): { doc: GraphDocument; nodeIds: string[]; edgeIds: string[] } {
  const takenNodes = new Set(doc.nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  const nodes = fragment.nodes.map((n): GraphNode => {
    const id = takenNodes.has(n.id) ? uniqueId(idBase(n.id.replace(/\d+$/, '')), takenNodes) : n.id;
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
    // An edge keeps its id only with both its ends: the id may name them.
    const same = source === e.source && target === e.target && !takenEdges.has(e.id);
    const id = same ? e.id : uniqueId(`${source}-${target}`, takenEdges, true);
    takenEdges.add(id);
    return { ...e, id, source, target };
  });
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
    edgeIds: edges.map((e) => e.id),
  };
}

/**
 * The fragment as a graph document, for the system clipboard: another tab pastes it, and a file
 * of it imports as a graph of its own (a draft when an input is left unwired).
 */
export const fragmentText = (name: string, fragment: Fragment): string =>
  exportDocument({
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name,
    nodes: [...fragment.nodes],
    edges: [...fragment.edges],
  });

/** The nodes a graph document on the clipboard holds; undefined when it holds none. */
export function readFragment(text: string): Fragment | undefined {
  const result = importDocument(text);
  if (!result.ok || result.doc.nodes.length === 0) return undefined;
  return { nodes: result.doc.nodes, edges: result.doc.edges };
}
