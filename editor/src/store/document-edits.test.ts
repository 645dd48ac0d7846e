import { NODE_CATALOG } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { addNode, emptyDocument } from './document-edits';
import { problemsOf } from './validation';

describe('a node dropped from the palette', () => {
  it('starts with no placement problem: one with side effects starts on trusted agents only', () => {
    for (const spec of NODE_CATALOG) {
      const { doc, id } = addNode(emptyDocument(), spec, { x: 10.4, y: 20.6 });
      const node = doc.nodes.find((n) => n.id === id);
      expect(node?.position).toEqual({ x: 10, y: 21 });
      expect(node?.placement?.trustedOnly === true, spec.type).toBe(spec.sideEffects);
      const codes = problemsOf(doc).map((p) => p.code);
      expect(codes, spec.type).not.toContain('trusted-only');
    }
    expect(NODE_CATALOG.some((spec) => spec.sideEffects)).toBe(true);
  });
});
