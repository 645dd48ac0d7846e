import { describe, expect, it } from 'vitest';
import { applyEdgeChanges, applyNodeChanges } from './canvas-changes';
import { testStore } from './test-store';

describe('React Flow changes into the store', () => {
  it('turns a whole drag into one undo step and keeps the document still while dragging', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().addNodeOfType('variable', 'orset', { x: 0, y: 0 });
    const steps = s().history.past.length;
    const docBefore = s().doc;
    for (let i = 1; i <= 5; i++) {
      applyNodeChanges(store, [
        { id: 'orset1', type: 'position', position: { x: i * 10, y: i }, dragging: true },
      ]);
    }
    expect(s().doc).toBe(docBefore);
    expect(s().dragPositions).toEqual({ orset1: { x: 50, y: 5 } });
    applyNodeChanges(store, [{ id: 'orset1', type: 'position', dragging: false }]);
    expect(s().doc.nodes[0]?.position).toEqual({ x: 50, y: 5 });
    expect(s().dragPositions).toBeUndefined();
    expect(s().history.past.length).toBe(steps + 1);
    s().undo();
    expect(s().doc.nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it('keeps measured sizes and selections beside the document', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().addNodeOfType('variable', 'orset', { x: 0, y: 0 });
    s().addNodeOfType('variable', 'gset', { x: 0, y: 0 });
    const doc = s().doc;
    applyNodeChanges(store, [
      { id: 'orset1', type: 'dimensions', dimensions: { width: 170, height: 80 } },
      { id: 'orset1', type: 'select', selected: true },
      { id: 'gset1', type: 'select', selected: false },
    ]);
    expect(s().nodeSizes).toEqual({ orset1: { width: 170, height: 80 } });
    expect(s().selectedNodeIds).toEqual(['orset1']);
    applyNodeChanges(store, [{ id: 'orset1', type: 'remove' }]);
    expect(s().doc).toBe(doc);
    applyEdgeChanges(store, [{ id: 'e1', type: 'select', selected: true }]);
    expect(s().selectedEdgeIds).toEqual(['e1']);
  });
});
