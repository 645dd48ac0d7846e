import type { NodeTypeSpec } from '@inflow/shared-core';

/** The palette's search: a type matches on its name, label, description or kind. */
export const typeMatches = (spec: NodeTypeSpec, query: string): boolean => {
  const q = query.trim().toLowerCase();
  return (
    q === '' ||
    [spec.type, spec.label, spec.description, spec.kind].some((s) => s.toLowerCase().includes(q))
  );
};
