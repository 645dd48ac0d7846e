import { findNodeType, type ExprType, type GraphDocument } from '@inflow/shared-core';
import { nodeOf } from './node-index';

const FIELD_OF_X = /\bx\.([A-Za-z_][A-Za-z0-9_]*)\b/g;

const sampleOf = (type: ExprType): unknown =>
  type === 'number' || type === 'int' || type === 'double'
    ? 1
    : type === 'bool'
      ? true
      : type === 'list'
        ? []
        : type === 'map'
          ? {}
          : 'a';

const textAt = (params: Readonly<Record<string, unknown>>, path: readonly string[]) => {
  let at: unknown = params;
  for (const step of path) {
    at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[step] : undefined;
  }
  return typeof at === 'string' ? at : undefined;
};

/**
 * An element of the set `nodeId` as the operators it feeds read it, as JSON: the fields their
 * expressions take from the element x (`x.player`, `x.score` → `{"player": "a", "score": 1}`),
 * each sampled by the type its expression yields when it is only that field. Undefined when no
 * expression reads a field, so an empty leaderboard's scores still suggest the pipeline's shape.
 */
export function elementExample(doc: GraphDocument, nodeId: string): string | undefined {
  const fields = new Map<string, unknown>();
  for (const edge of doc.edges) {
    const reader = edge.source === nodeId ? nodeOf(doc, edge.target) : undefined;
    const spec = reader && findNodeType(reader.kind, reader.type);
    if (!reader || !spec || reader.kind !== 'operator') continue;
    // In the order the params are written, which is the order a user reads them in.
    const order = Object.keys(reader.params);
    const rank = (path: readonly string[]) => order.indexOf(path[0] ?? '');
    const slots = [...spec.expressions].sort((a, b) => rank(a.path) - rank(b.path));
    for (const slot of slots) {
      const text = textAt(reader.params, slot.path);
      if (text === undefined || !('x' in slot.variables)) continue;
      const whole = /^\s*x\.([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text)?.[1];
      if (whole !== undefined) fields.set(whole, sampleOf(slot.result));
      for (const [, field] of text.matchAll(FIELD_OF_X)) {
        if (field !== undefined && !fields.has(field)) fields.set(field, 'a');
      }
    }
  }
  if (fields.size === 0) return undefined;
  const entries = [...fields].map(([field, sample]) => `"${field}": ${JSON.stringify(sample)}`);
  return `{${entries.join(', ')}}`;
}
