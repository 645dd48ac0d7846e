import { describe, expect, it } from 'vitest';
import { emptyDocument } from './document-edits';
import {
  COALESCE_MS,
  EMPTY_HISTORY,
  HISTORY_LIMIT,
  recordEdit,
  redoStep,
  undoStep,
} from './history';
import { testStore } from './test-store';

const doc = (name: string) => emptyDocument(name);

describe('history', () => {
  it('undoes and redoes snapshots in order', () => {
    const [a, b, c] = [doc('a'), doc('b'), doc('c')];
    let h = recordEdit(EMPTY_HISTORY, a, undefined, 0);
    h = recordEdit(h, b, undefined, 1);
    const u1 = undoStep(h, c);
    expect(u1?.doc).toBe(b);
    const u2 = u1 && undoStep(u1.history, u1.doc);
    expect(u2?.doc).toBe(a);
    expect(u2 && undoStep(u2.history, u2.doc)).toBeUndefined();
    const r1 = u2 && redoStep(u2.history, u2.doc);
    expect(r1?.doc).toBe(b);
    const r2 = r1 && redoStep(r1.history, r1.doc);
    expect(r2?.doc).toBe(c);
  });

  it('merges edits with the same key inside the window, not after it', () => {
    let h = recordEdit(EMPTY_HISTORY, doc('0'), 'label:x', 0);
    h = recordEdit(h, doc('1'), 'label:x', COALESCE_MS - 1);
    expect(h.past).toHaveLength(1);
    h = recordEdit(h, doc('2'), 'label:x', 2 * COALESCE_MS);
    expect(h.past).toHaveLength(2);
    h = recordEdit(h, doc('3'), 'label:y', 2 * COALESCE_MS + 1);
    expect(h.past).toHaveLength(3);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = EMPTY_HISTORY;
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = recordEdit(h, doc(String(i)), undefined, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]?.name).toBe('10');
  });
});

describe('the store history', () => {
  it('makes typing into one field a single undo step, and a new edit clears redo', () => {
    const { store, clock } = testStore();
    const s = () => store.getState();
    const id = s().addNodeOfType('variable', 'gcounter', { x: 0, y: 0 });
    expect(id).toBe('gcounter1');
    for (const label of ['C', 'Cl', 'Cli', 'Clicks']) {
      clock.now += 100;
      s().updateNode('gcounter1', (n) => ({ ...n, label }), 'label:gcounter1');
    }
    expect(s().doc.nodes[0]?.label).toBe('Clicks');
    s().undo();
    expect(s().doc.nodes[0]?.label).toBeUndefined();
    s().undo();
    expect(s().doc.nodes).toHaveLength(0);
    s().redo();
    s().redo();
    expect(s().doc.nodes[0]?.label).toBe('Clicks');
    s().undo();
    s().addNodeOfType('variable', 'orset', { x: 10, y: 10 });
    expect(s().history.future).toHaveLength(0);
  });

  it('drops selected ids that an undo removes', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().addNodeOfType('variable', 'orset', { x: 0, y: 0 });
    expect(s().selectedNodeIds).toEqual(['orset1']);
    s().undo();
    expect(s().selectedNodeIds).toEqual([]);
  });
});
