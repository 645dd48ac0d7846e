import type { GraphDocument, GraphNode, NodeKind } from '@inflow/shared-core';

/** A node found by the search, and where the query matched when its names do not say. */
export interface NodeMatch {
  nodeId: string;
  label?: string;
  kind: NodeKind;
  type: string;
  /** The first parameter or hint that a word matched, as `name: value` (`predicate: x > 3`). */
  excerpt?: string;
}

export interface NodeSearchResult {
  matches: NodeMatch[];
  /** How many nodes matched in all; `matches` holds at most the limit. */
  total: number;
}

interface Field {
  /** Empty for the id, label, kind and type, which every result row shows anyway. */
  name: string;
  text: string;
}

/** Parameters and placement hints as `name: value` lines, nested keys joined with dots. */
function flatten(prefix: string, value: unknown, out: Field[]): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    for (const [key, v] of entries) flatten(prefix ? `${prefix}.${key}` : key, v, out);
    return;
  }
  out.push({ name: prefix, text: String(value) });
}

function fieldsOf(node: GraphNode): Field[] {
  const fields: Field[] = [
    { name: '', text: node.id },
    { name: '', text: node.kind },
    { name: '', text: node.type },
  ];
  if (node.label !== undefined) fields.push({ name: '', text: node.label });
  flatten('', node.params, fields);
  flatten('placement', node.placement, fields);
  return fields;
}

/** Lower is better: a name that is the query, then names that start with it or hold it. */
function rank(names: readonly string[], query: string): number {
  const ranks = names.map((name) => {
    const lower = name.toLowerCase();
    if (lower === query) return 0;
    if (lower.startsWith(query)) return 1;
    if (lower.includes(query)) return 2;
    return 3;
  });
  return Math.min(...ranks);
}

/**
 * The nodes matching `query`, as Node-RED's search finds them: every word of it must appear
 * (ignoring case) in the node's id, kind, type, label, or a parameter or placement hint (its
 * name or its value). Best matches first, by id or label and then in the document's order. An
 * empty query lists every node.
 */
export function searchNodes(doc: GraphDocument, query: string, limit = 50): NodeSearchResult {
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter((w) => w !== '');
  const found: { match: NodeMatch; rank: number; order: number }[] = [];
  doc.nodes.forEach((node, order) => {
    const fields = fieldsOf(node);
    const lower = fields.map((f) => (f.name ? `${f.name}: ${f.text}` : f.text).toLowerCase());
    const hits = words.map((w) => lower.findIndex((text) => text.includes(w)));
    if (hits.includes(-1)) return;
    const named = hits.map((i) => fields[i]).find((f) => f !== undefined && f.name !== '');
    const match: NodeMatch = { nodeId: node.id, kind: node.kind, type: node.type };
    if (node.label !== undefined) match.label = node.label;
    if (named) match.excerpt = `${named.name}: ${named.text}`;
    const names = node.label === undefined ? [node.id] : [node.id, node.label];
    found.push({ match, rank: q === '' ? 0 : rank(names, q), order });
  });
  found.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return { matches: found.slice(0, limit).map((f) => f.match), total: found.length };
}
