import {
  GRAPH_FORMAT,
  GRAPH_VERSION,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
} from '@inflow/shared-core';
import { plural } from '../text/count';
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
 * `at + by`, kept within the doubles: nodes copied from the two ends of the number line overflow
 * when shifted, and a position of Infinity is written as null, which no graph may hold.
 */
const shift = (at: number, by: number): number =>
  Math.min(Math.max(at + by, -Number.MAX_VALUE), Number.MAX_VALUE);

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
      position: { x: shift(n.position.x, offset.x), y: shift(n.position.y, offset.y) },
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

export type ClipboardReading =
  { ok: true; fragment: Fragment } | { ok: false; kind: 'info' | 'error'; reason: string };

/** The nodes a graph document on the clipboard holds, or why there are none to paste. */
export function readClipboard(text: string): ClipboardReading {
  const result = importDocument(text);
  if (result.ok && result.doc.nodes.length > 0) {
    return { ok: true, fragment: { nodes: result.doc.nodes, edges: result.doc.edges } };
  }
  const first = result.ok ? undefined : result.problems[0];
  // Text that is no graph document at all (words copied from elsewhere) is the usual case.
  if (!first || first.code === 'invalid-json' || first.code === 'unsupported-format') {
    return { ok: false, kind: 'info', reason: 'the clipboard holds no nodes' };
  }
  const more =
    result.problems.length > 1
      ? ` (and ${plural(result.problems.length - 1, 'more problem')})`
      : '';
  const reason = `the graph on the clipboard cannot be read: ${first.message}${more}`;
  return { ok: false, kind: 'error', reason };
}

/** The nodes a graph document on the clipboard holds; undefined when it holds none. */
export function readFragment(text: string): Fragment | undefined {
  const reading = readClipboard(text);
  return reading.ok ? reading.fragment : undefined;
}
