import { typeSpecSchema, typeSpecToString, type GraphNode } from '@inflow/shared-core';

/** What a node shows under its label: its type, and what it does when that is short to say. */
export interface NodeLines {
  type: string;
  detail?: string;
}

const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** `gmap<gcounter>`, `topk(3) · dynamic`. */
export function variableLines(node: GraphNode): NodeLines {
  const { dynamic, ...typeParams } = node.params;
  const spec = typeSpecSchema.safeParse({ name: node.type, ...typeParams });
  const name = spec.success ? typeSpecToString(spec.data) : node.type;
  return { type: dynamic === true ? `${name} · dynamic` : name };
}

/** `filter` with its predicate, `fold · topk(3)` with its key and value. */
export function operatorLines(node: GraphNode): NodeLines {
  const p = node.params;
  switch (node.type) {
    case 'map':
      return { type: 'map', detail: str(p.fn) };
    case 'filter':
      return { type: 'filter', detail: str(p.predicate) };
    case 'fold':
    case 'fold_dynamic': {
      const aggregate = str(p.aggregate) ?? '?';
      const k = aggregate === 'topk' && typeof p.k === 'number' ? `(${p.k})` : '';
      const parts = [str(p.key) && `key ${str(p.key)}`, str(p.value) && `value ${str(p.value)}`];
      const detail = parts.filter((x): x is string => typeof x === 'string').join(', ');
      return { type: `${node.type} · ${aggregate}${k}`, detail: detail || undefined };
    }
    default:
      return { type: node.type };
  }
}

/** `≥ 100 per key` and `enforce_once → remove where x.id == key`. */
export function triggerLines(node: GraphNode): NodeLines {
  const p = node.params;
  const t = isRecord(p.threshold) ? p.threshold : {};
  const op = t.strict === true ? '>' : '≥';
  const what = t.kind === 'cardinality' ? 'size ' : '';
  const perKey = p.perKey === true ? ' per key' : '';
  const action = isRecord(p.action) ? p.action : {};
  const where = str(action.where);
  return {
    type: `${node.type} ${what}${op} ${String(t.n ?? '?')}${perKey}`,
    detail: `${String(p.mode ?? '?')} → ${String(action.op ?? '?')}${where ? ` where ${where}` : ''}`,
  };
}

export function sourceLines(node: GraphNode): NodeLines {
  return { type: `${node.type} source`, detail: str(node.params.description) };
}

export function sinkLines(node: GraphNode): NodeLines {
  return { type: `${node.type} sink`, detail: str(node.params.url) ?? str(node.params.format) };
}
