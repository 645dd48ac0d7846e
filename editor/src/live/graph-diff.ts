import {
  valuesEqual,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
  type Value,
} from '@inflow/shared-core';

/** One difference between the deployed document and the one being edited. */
export interface DocumentChange {
  element: 'graph' | 'node' | 'edge';
  change: 'added' | 'removed' | 'changed';
  /** The node id, the edge as `source.port → target.port`, or the graph field. */
  id: string;
  /** For a changed node, what differs: `type`, `label`, `placement`, `params.<key>`. */
  fields?: string[];
}

const same = (a: unknown, b: unknown) =>
  a === b || (a !== undefined && b !== undefined && valuesEqual(a as Value, b as Value));

/** An edge is what it connects: its id is a name only, so a redrawn edge is no change. */
const edgeKey = (e: GraphEdge) => `${e.source}.${e.sourceHandle} → ${e.target}.${e.targetHandle}`;

function nodeFields(before: GraphNode, after: GraphNode): string[] {
  const fields: string[] = [];
  if (before.kind !== after.kind || before.type !== after.type) fields.push('type');
  if (before.label !== after.label) fields.push('label');
  if (!same(before.placement, after.placement)) fields.push('placement');
  const keys = new Set([...Object.keys(before.params), ...Object.keys(after.params)]);
  for (const key of [...keys].sort()) {
    if (!same(before.params[key], after.params[key])) fields.push(`params.${key}`);
  }
  return fields;
}

/**
 * What would change if `current` were deployed instead of `deployed`: nodes, edges and params
 * added, removed or changed. Positions are layout, not behaviour, so they never count; nor does
 * the undo history, which says nothing about what runs.
 */
export function diffDocuments(deployed: GraphDocument, current: GraphDocument): DocumentChange[] {
  const changes: DocumentChange[] = [];
  for (const field of ['name', 'description'] as const) {
    if (deployed[field] !== current[field]) {
      changes.push({ element: 'graph', change: 'changed', id: field });
    }
  }
  const before = new Map(deployed.nodes.map((n) => [n.id, n]));
  const after = new Map(current.nodes.map((n) => [n.id, n]));
  for (const [id, node] of after) {
    const old = before.get(id);
    if (!old) changes.push({ element: 'node', change: 'added', id });
    else {
      const fields = nodeFields(old, node);
      if (fields.length > 0) changes.push({ element: 'node', change: 'changed', id, fields });
    }
  }
  for (const id of before.keys()) {
    if (!after.has(id)) changes.push({ element: 'node', change: 'removed', id });
  }
  const edgesBefore = new Set(deployed.edges.map(edgeKey));
  const edgesAfter = new Set(current.edges.map(edgeKey));
  for (const key of edgesAfter) {
    if (!edgesBefore.has(key)) changes.push({ element: 'edge', change: 'added', id: key });
  }
  for (const key of edgesBefore) {
    if (!edgesAfter.has(key)) changes.push({ element: 'edge', change: 'removed', id: key });
  }
  return changes;
}

/** One line for people: `node ads changed (params.predicate)`. */
export function describeChange(c: DocumentChange): string {
  const what = c.element === 'graph' ? `graph ${c.id}` : `${c.element} ${c.id}`;
  const fields = c.fields && c.fields.length > 0 ? ` (${c.fields.join(', ')})` : '';
  return `${what} ${c.change}${fields}`;
}

const cache = new WeakMap<GraphDocument, { current: GraphDocument; changes: DocumentChange[] }>();

/** `diffDocuments`, once per pair of documents (they are immutable), for render-time selectors. */
export function undeployedChanges(
  deployed: GraphDocument,
  current: GraphDocument,
): DocumentChange[] {
  const hit = cache.get(deployed);
  if (hit && hit.current === current) return hit.changes;
  const changes = diffDocuments(deployed, current);
  cache.set(deployed, { current, changes });
  return changes;
}
