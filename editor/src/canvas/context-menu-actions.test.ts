import { describe, expect, it } from 'vitest';
import { testStore } from '../store/test-store';
import {
  menuFactsOf,
  menuItems,
  resolveHit,
  runMenuAction,
  type MenuFacts,
} from './context-menu-actions';

const facts = (over: Partial<MenuFacts> = {}): MenuFacts => ({
  nodeCount: 3,
  selectedNodeCount: 1,
  hasClipboard: false,
  canUndo: false,
  canRedo: false,
  ...over,
});

const ids = (items: { id: string }[]) => items.map((i) => i.id);

function adCounter() {
  const t = testStore();
  t.store.getState().loadTemplate('ad-counter');
  return { ...t, s: () => t.store.getState() };
}

describe('which items a menu has', () => {
  it('offers a node its own actions, with the shortcuts the help panel lists', () => {
    const items = menuItems({ kind: 'node', nodeId: 'a' }, facts());
    expect(ids(items)).toEqual(['inspect', 'centre', 'duplicate', 'cut', 'copy', 'delete']);
    expect(items.find((i) => i.id === 'copy')?.keys).toBe('Ctrl+C');
    expect(items.find((i) => i.id === 'delete')?.keys).toBe('Delete');
    expect(items.find((i) => i.id === 'duplicate')?.keys).toBeUndefined();
    expect(items.every((i) => !i.disabled)).toBe(true);
  });

  it('offers the pane paste, add, select all, find, fit, layout, undo and redo, disabled when idle', () => {
    const empty = menuItems(
      { kind: 'pane', at: { x: 0, y: 0 } },
      facts({ nodeCount: 0, selectedNodeCount: 0 }),
    );
    expect(ids(empty)).toEqual([
      'paste-here',
      'add-node',
      'select-all',
      'find',
      'fit-view',
      'auto-layout',
      'undo',
      'redo',
    ]);
    expect(empty.filter((i) => i.disabled).map((i) => i.id)).toEqual([
      'paste-here',
      'select-all',
      'find',
      'fit-view',
      'auto-layout',
      'undo',
      'redo',
    ]);
    const busy = menuItems(
      { kind: 'pane', at: { x: 0, y: 0 } },
      facts({ hasClipboard: true, canUndo: true, canRedo: true }),
    );
    expect(busy.filter((i) => i.disabled)).toEqual([]);
    expect(busy.find((i) => i.id === 'redo')?.keys).toBe('Ctrl+Shift+Z');
    expect(busy.find((i) => i.id === 'find')?.keys).toBe('Ctrl+F');
  });

  it('offers an edge delete, and a selection of edges alone only delete', () => {
    expect(ids(menuItems({ kind: 'edge', edgeId: 'e' }, facts()))).toEqual(['delete']);
    const edgesOnly = menuItems({ kind: 'selection' }, facts({ selectedNodeCount: 0 }));
    expect(edgesOnly.filter((i) => !i.disabled).map((i) => i.id)).toEqual(['delete']);
  });
});

describe('what a right-click selects', () => {
  it('selects an unselected node alone', () => {
    const r = resolveHit(
      { selectedNodeIds: ['a', 'b'], selectedEdgeIds: [] },
      { kind: 'node', id: 'c' },
    );
    expect(r).toEqual({
      target: { kind: 'node', nodeId: 'c' },
      select: { nodeIds: ['c'], edgeIds: [] },
    });
  });

  it('keeps a selection of several that holds the node or edge, and acts on all of it', () => {
    const s = { selectedNodeIds: ['a'], selectedEdgeIds: ['e'] };
    expect(resolveHit(s, { kind: 'node', id: 'a' })).toEqual({ target: { kind: 'selection' } });
    expect(resolveHit(s, { kind: 'edge', id: 'e' })).toEqual({ target: { kind: 'selection' } });
  });

  it('selects an edge alone, and a node that is the only selected element stays a node menu', () => {
    expect(
      resolveHit({ selectedNodeIds: ['a'], selectedEdgeIds: [] }, { kind: 'edge', id: 'e' }),
    ).toEqual({ target: { kind: 'edge', edgeId: 'e' }, select: { nodeIds: [], edgeIds: ['e'] } });
    expect(
      resolveHit({ selectedNodeIds: ['a'], selectedEdgeIds: [] }, { kind: 'node', id: 'a' }).target,
    ).toEqual({ kind: 'node', nodeId: 'a' });
  });

  it('leaves the selection alone for the pane', () => {
    const r = resolveHit(
      { selectedNodeIds: ['a'], selectedEdgeIds: [] },
      { kind: 'pane', at: { x: 1, y: 2 } },
    );
    expect(r).toEqual({ target: { kind: 'pane', at: { x: 1, y: 2 } } });
  });
});

describe('running the actions', () => {
  it('duplicates the selection with its inner edges beside it, as one undo step, clipboard untouched', () => {
    const { store, s } = adCounter();
    s().select(['rovioAds', 'ads']);
    const before = s().doc;
    runMenuAction(store, 'duplicate', { kind: 'selection' });
    expect(s().doc.nodes).toHaveLength(before.nodes.length + 2);
    expect(s().selectedNodeIds).toEqual(['rovioAds1', 'ads1']);
    expect(s().doc.nodes.find((n) => n.id === 'rovioAds1')?.position).toEqual({ x: 300, y: 40 });
    const edge = s().doc.edges.find((e) => e.id === s().selectedEdgeIds[0]);
    expect(edge).toMatchObject({ source: 'rovioAds1', target: 'ads1' });
    expect(s().clipboard).toBeUndefined();
    s().undo();
    expect(s().doc).toBe(before);
  });

  it('pastes the clipboard with its top-left node at the pointer', () => {
    const { store, s } = adCounter();
    s().select(['riotAds', 'ads']);
    runMenuAction(store, 'copy', { kind: 'selection' });
    expect(s().clipboard?.nodes).toHaveLength(2);
    runMenuAction(store, 'paste-here', { kind: 'pane', at: { x: 1000, y: 2000 } });
    const at = (id: string) => s().doc.nodes.find((n) => n.id === id)?.position;
    // riotAds (260,160) and ads (520,80): the group's top-left is (260,80).
    expect(at('riotAds1')).toEqual({ x: 1000, y: 2080 });
    expect(at('ads1')).toEqual({ x: 1260, y: 2000 });
    expect(s().selectedNodeIds).toEqual(['riotAds1', 'ads1']);
  });

  it('does nothing on paste-here with an empty clipboard', () => {
    const { store, s } = adCounter();
    const before = s().doc;
    runMenuAction(store, 'paste-here', { kind: 'pane', at: { x: 0, y: 0 } });
    expect(s().doc).toBe(before);
  });

  it('runs delete, select all, undo and the layout through the same store actions', () => {
    const { store, s } = adCounter();
    const target = { kind: 'node', nodeId: 'contracts' } as const;
    s().select(['contracts']);
    runMenuAction(store, 'delete', target);
    expect(s().doc.nodes.some((n) => n.id === 'contracts')).toBe(false);
    runMenuAction(store, 'undo', { kind: 'pane', at: { x: 0, y: 0 } });
    expect(s().doc.nodes.some((n) => n.id === 'contracts')).toBe(true);
    runMenuAction(store, 'select-all', { kind: 'pane', at: { x: 0, y: 0 } });
    expect(s().selectedNodeIds).toHaveLength(10);
    runMenuAction(store, 'find', { kind: 'pane', at: { x: 0, y: 0 } });
    expect(s().findOpen).toBe(true);
    const seq = s().focus?.seq ?? 0;
    runMenuAction(store, 'auto-layout', { kind: 'pane', at: { x: 0, y: 0 } });
    // Undo left one step to redo; the layout is a new edit, so it is gone.
    expect([s().history.past.length, s().history.future.length]).toEqual([1, 0]);
    expect(s().focus).toMatchObject({ seq: seq + 1, all: true });
    expect(s().focus?.whole).toBeUndefined();
    // "Fit view" by name fits all of it, however small, as the zoom controls' button does.
    runMenuAction(store, 'fit-view', { kind: 'pane', at: { x: 0, y: 0 } });
    expect(s().focus).toMatchObject({ seq: seq + 2, all: true, whole: true });
  });

  it('centres on the node, or on the selected nodes', () => {
    const { store, s } = adCounter();
    runMenuAction(store, 'centre', { kind: 'node', nodeId: 'ads' });
    expect(s().focus?.nodeIds).toEqual(['ads']);
    s().select(['ads', 'adsLog']);
    runMenuAction(store, 'centre', { kind: 'selection' });
    expect(s().focus?.nodeIds).toEqual(['ads', 'adsLog']);
  });

  it('reads its facts from the store', () => {
    const { store, s } = adCounter();
    expect(menuFactsOf(s())).toEqual(facts({ nodeCount: 10, selectedNodeCount: 0 }));
    s().select(['ads']);
    runMenuAction(store, 'copy', { kind: 'node', nodeId: 'ads' });
    runMenuAction(store, 'delete', { kind: 'node', nodeId: 'ads' });
    expect(menuFactsOf(s())).toMatchObject({ hasClipboard: true, canUndo: true, nodeCount: 9 });
  });
});
