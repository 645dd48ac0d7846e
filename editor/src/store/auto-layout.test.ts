import { describe, expect, it } from 'vitest';
import { layoutPositions } from './auto-layout';
import { importDocument } from './import-document';
import { testStore } from './test-store';
import { TEMPLATES } from './templates';

describe('auto-layout', () => {
  it('puts every node left of the nodes it feeds, without overlaps', () => {
    const result = importDocument(TEMPLATES.find((t) => t.id === 'leaderboard')?.text ?? '');
    if (!result.ok) throw new Error('template does not import');
    const doc = result.doc;
    const size = { width: 200, height: 90 };
    const positions = layoutPositions(doc, Object.fromEntries(doc.nodes.map((n) => [n.id, size])));
    expect(Object.keys(positions).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    for (const e of doc.edges) {
      expect(positions[e.source]?.x ?? 0).toBeLessThan(positions[e.target]?.x ?? 0);
    }
    const boxes = Object.values(positions);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = Math.abs(a.x - b.x) >= size.width || Math.abs(a.y - b.y) >= size.height;
        expect(apart).toBe(true);
      }
    }
  });

  it('is one undo step in the store', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().loadTemplate('ad-counter');
    const before = s().doc;
    s().autoLayout();
    expect(s().doc).not.toBe(before);
    s().undo();
    expect(s().doc).toBe(before);
  });
});
