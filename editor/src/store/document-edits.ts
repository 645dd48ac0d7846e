import {
  GRAPH_FORMAT,
  GRAPH_VERSION,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
  type NodeTypeSpec,
  type Placement,
} from '@inflow/shared-core';
import { idBase, uniqueId } from './unique-id';

export interface XY {
  x: number;
  y: number;
}

/** One proposed edge, as React Flow reports a connection. */
export interface EdgeEnds {
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

export const emptyDocument = (name = 'Untitled graph'): GraphDocument => ({
  format: GRAPH_FORMAT,
  version: GRAPH_VERSION,
  name,
  nodes: [],
  edges: [],
});

const nodeIds = (doc: GraphDocument) => new Set(doc.nodes.map((n) => n.id));

/**
 * A fresh node of a catalog type with its default params; its id is derived from the type. One
 * with side effects starts on trusted agents only, which the validator asks of it.
 */
export function addNode(
  doc: GraphDocument,
  spec: NodeTypeSpec,
  position: XY,
): { doc: GraphDocument; id: string } {
  const id = uniqueId(idBase(spec.type), nodeIds(doc));
  const node: GraphNode = {
    id,
    kind: spec.kind,
    type: spec.type,
    params: structuredClone({ ...spec.defaultParams }),
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    ...(spec.sideEffects ? { placement: { trustedOnly: true } } : {}),
  };
  return { doc: { ...doc, nodes: [...doc.nodes, node] }, id };
}

export function edgeIdFor(doc: GraphDocument, ends: EdgeEnds): string {
  const taken = new Set(doc.edges.map((e) => e.id));
  return uniqueId(`${ends.source}-${ends.target}`, taken, true);
}

export function addEdge(doc: GraphDocument, ends: EdgeEnds): { doc: GraphDocument; id: string } {
  const id = edgeIdFor(doc, ends);
  const edge: GraphEdge = { id, ...ends };
  return { doc: { ...doc, edges: [...doc.edges, edge] }, id };
}

/** Removes nodes (with every edge that touches them) and edges. */
export function removeElements(
  doc: GraphDocument,
  nodes: readonly string[],
  edges: readonly string[],
): GraphDocument {
  if (nodes.length === 0 && edges.length === 0) return doc;
  const goneNodes = new Set(nodes);
  const goneEdges = new Set(edges);
  const keptNodes = doc.nodes.filter((n) => !goneNodes.has(n.id));
  const keptEdges = doc.edges.filter(
    (e) => !goneEdges.has(e.id) && !goneNodes.has(e.source) && !goneNodes.has(e.target),
  );
  if (keptNodes.length === doc.nodes.length && keptEdges.length === doc.edges.length) return doc;
  return { ...doc, nodes: keptNodes, edges: keptEdges };
}

export function updateNode(
  doc: GraphDocument,
  id: string,
  change: (node: GraphNode) => GraphNode,
): GraphDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    if (n.id !== id) return n;
    const next = change(n);
    changed ||= next !== n;
    return next;
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Gives a node a new id and points its edges at it; the caller checks the id is valid and free. */
export function renameNode(doc: GraphDocument, id: string, newId: string): GraphDocument {
  if (id === newId) return doc;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === id ? { ...n, id: newId } : n)),
    edges: doc.edges.map((e) =>
      e.source === id || e.target === id
        ? {
            ...e,
            source: e.source === id ? newId : e.source,
            target: e.target === id ? newId : e.target,
          }
        : e,
    ),
  };
}

export function moveNodes(
  doc: GraphDocument,
  positions: Readonly<Record<string, XY>>,
): GraphDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = positions[n.id];
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } };
  });
  return changed ? { ...doc, nodes } : doc;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * `params` with the value at `path` replaced; `undefined` deletes the key, so an emptied optional
 * field leaves no trace in the saved document.
 */
export function setAtPath(
  params: Readonly<Record<string, unknown>>,
  path: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const [key, ...rest] = path;
  if (key === undefined) return { ...params };
  const next: Record<string, unknown> = { ...params };
  if (rest.length === 0) {
    if (value === undefined) delete next[key];
    else next[key] = value;
    return next;
  }
  const inner = isRecord(params[key]) ? params[key] : {};
  next[key] = setAtPath(inner, rest, value);
  return next;
}

/** The value at `path` inside `params`, or undefined. */
export function getAtPath(
  params: Readonly<Record<string, unknown>>,
  path: readonly string[],
): unknown {
  let x: unknown = params;
  for (const key of path) {
    if (!isRecord(x)) return undefined;
    x = x[key];
  }
  return x;
}

/**
 * Sets one placement hint (`undefined` removes it); an empty placement is removed from the node
 * altogether. Hints are checked by the core's validator like every other field.
 */
export function setPlacementHint(node: GraphNode, key: string, value: unknown): GraphNode {
  const placement: Record<string, unknown> = { ...node.placement };
  if (value === undefined) delete placement[key];
  else placement[key] = value;
  const { placement: _old, ...rest } = node;
  return Object.keys(placement).length === 0
    ? rest
    : { ...rest, placement: placement as Placement };
}
