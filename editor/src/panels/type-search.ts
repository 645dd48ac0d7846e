import { NODE_KINDS, nodeTypesOfKind, type NodeKind, type NodeTypeSpec } from '@inflow/shared-core';

/** The palette's search: a type matches on its name, label, description or kind. */
export const typeMatches = (spec: NodeTypeSpec, query: string): boolean => {
  const q = query.trim().toLowerCase();
  return (
    q === '' ||
    [spec.type, spec.label, spec.description, spec.kind].some((s) => s.toLowerCase().includes(q))
  );
};

/** The catalog's types that match `query`, by kind, leaving out kinds with none. */
export function typeGroups(query: string): { kind: NodeKind; specs: NodeTypeSpec[] }[] {
  return NODE_KINDS.map((kind) => ({
    kind,
    specs: nodeTypesOfKind(kind).filter((s) => typeMatches(s, query)),
  })).filter((g) => g.specs.length > 0);
}
