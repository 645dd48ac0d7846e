import { describe, expect, it } from 'vitest';
import { copyFragment, fragmentText, pasteFragment, readFragment } from './clipboard';
import { importDocument } from './import-document';
import { testStore } from './test-store';
import { TEMPLATES } from './templates';
import { runShortcut } from '../keyboard/use-shortcuts';

const adCounter = () => {
  const text = TEMPLATES.find((t) => t.id === 'ad-counter')?.text ?? '';
  const result = importDocument(text);
  if (!result.ok) throw new Error('the ad counter template does not import');
  return result.doc;
};

describe('copy and paste', () => {
  it('copies the selected nodes with the edges among them only', () => {
    const doc = adCounter();
    const fragment = copyFragment(doc, ['rovioAds', 'riotAds', 'ads']);
    expect(fragment?.nodes.map((n) => n.id)).toEqual(['rovioAds', 'riotAds', 'ads']);
    expect(fragment?.edges.map((e) => e.id)).toEqual(['rovioToAds', 'riotToAds']);
  });

  it('pastes with fresh ids, rewired edges and shifted positions', () => {
    const doc = adCounter();
    const fragment = copyFragment(doc, ['rovioAds', 'ads']);
    if (!fragment) throw new Error('nothing copied');
    const pasted = pasteFragment(doc, fragment, { x: 40, y: 40 });
    expect(pasted.nodeIds).toEqual(['rovioAds1', 'ads1']);
    const ids = pasted.doc.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const edge = pasted.doc.edges.find((e) => e.id === pasted.edgeIds[0]);
    expect(edge).toMatchObject({ source: 'rovioAds1', target: 'ads1', targetHandle: 'left' });
    const original = doc.nodes.find((n) => n.id === 'rovioAds');
    const copy = pasted.doc.nodes.find((n) => n.id === 'rovioAds1');
    expect(copy?.position).toEqual({
      x: (original?.position.x ?? 0) + 40,
      y: (original?.position.y ?? 0) + 40,
    });
    expect(copy?.label).toBe(original?.label);
  });

  it('keeps a free id, and an edge its id only when both its ends keep theirs', () => {
    const doc = adCounter();
    const fragment = copyFragment(doc, ['rovioAds', 'ads']);
    if (!fragment) throw new Error('nothing copied');
    const target = { ...doc, nodes: doc.nodes.filter((n) => n.id === 'ads'), edges: [] };
    const pasted = pasteFragment(target, fragment, { x: 0, y: 0 });
    expect(pasted.nodeIds).toEqual(['rovioAds', 'ads1']);
    expect(pasted.edgeIds).toEqual(['rovioAds-ads1']);
    const free = pasteFragment({ ...target, nodes: [] }, fragment, { x: 0, y: 0 });
    expect(free.edgeIds).toEqual(['rovioToAds']);
  });

  it('works through the shortcuts: each paste lands further away and is selected', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().addNodeOfType('variable', 'orset', { x: 0, y: 0 });
    runShortcut(store, 'copy');
    runShortcut(store, 'paste');
    runShortcut(store, 'paste');
    expect(s().doc.nodes.map((n) => [n.id, n.position.x])).toEqual([
      ['orset1', 0],
      ['orset2', 40],
      ['orset3', 80],
    ]);
    expect(s().selectedNodeIds).toEqual(['orset3']);
    runShortcut(store, 'undo');
    expect(s().doc.nodes).toHaveLength(2);
  });

  it('says what it pasted, and asks for the view to follow only when the paste is out of it', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().addNodeOfType('variable', 'orset', { x: 0, y: 0 });
    runShortcut(store, 'copy');
    expect(s().status?.text).toBe('Copied 1 node');
    runShortcut(store, 'paste');
    expect(s().status?.text).toBe('Pasted 1 node');
    expect(s().focus).toMatchObject({ nodeIds: ['orset2'], ifHidden: true });
  });

  it('pastes from the keyboard at the pointer when it is over the canvas, a step on at the same spot', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().addNodeOfType('variable', 'orset', { x: 0, y: 0 });
    s().addNodeOfType('variable', 'gcounter', { x: 300, y: 100 });
    s().select(['orset1', 'gcounter1']);
    runShortcut(store, 'copy');
    let pointer: { x: number; y: number } | undefined = { x: 1000, y: 600 };
    s().setCanvasPointer(() => pointer);
    const at = (id: string) => s().doc.nodes.find((n) => n.id === id)?.position;
    runShortcut(store, 'paste');
    expect([at('orset2'), at('gcounter2')]).toEqual([
      { x: 1000, y: 600 },
      { x: 1300, y: 700 },
    ]);
    runShortcut(store, 'paste');
    expect(at('orset3')).toEqual({ x: 1040, y: 640 });
    pointer = { x: -200, y: 50 };
    runShortcut(store, 'paste');
    expect(at('orset4')).toEqual({ x: -200, y: 50 });
    // Off the canvas, it lands beside the copied nodes again.
    pointer = undefined;
    runShortcut(store, 'paste');
    expect(at('orset5')).toEqual({ x: 40, y: 40 });
    expect(s().selectedNodeIds).toEqual(['orset5', 'gcounter5']);
  });

  it('deletes a multi-selection, edges included, as one undo step', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().loadTemplate('ad-counter');
    const before = s().doc;
    s().select(['ads', 'contracts'], ['removeFromRiot']);
    runShortcut(store, 'delete');
    expect(s().doc.nodes.map((n) => n.id)).not.toContain('ads');
    expect(s().doc.edges.some((e) => e.source === 'ads' || e.target === 'ads')).toBe(false);
    expect(s().doc.edges.map((e) => e.id)).not.toContain('removeFromRiot');
    expect(s().selectedNodeIds).toEqual([]);
    runShortcut(store, 'undo');
    expect(s().doc).toBe(before);
  });
});

describe('the system clipboard', () => {
  it('carries copied nodes as a graph document that reads back to the same nodes', () => {
    const doc = adCounter();
    const fragment = copyFragment(doc, ['rovioAds', 'riotAds', 'ads']);
    if (!fragment) throw new Error('nothing copied');
    const text = fragmentText('Ad counter', fragment);
    expect(JSON.parse(text)).toMatchObject({ format: 'inflow-graph', version: 1 });
    expect(readFragment(text)).toEqual(fragment);
    expect(readFragment('just some words')).toBeUndefined();
    expect(readFragment(fragmentText('empty', { nodes: [], edges: [] }))).toBeUndefined();
  });

  it('cuts the selection as one undo step, and pastes it back', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().loadTemplate('ad-counter');
    const before = s().doc;
    s().select(['rovioAds', 'ads']);
    const text = s().cutSelection();
    expect(readFragment(text ?? '')?.nodes.map((n) => n.id)).toEqual(['rovioAds', 'ads']);
    expect(s().doc.nodes.map((n) => n.id)).not.toContain('ads');
    expect(s().status?.text).toBe('Cut 2 nodes');
    s().undo();
    expect(s().doc).toBe(before);
    s().redo();
    expect(s().pasteText(text ?? '')).toBe(true);
    // The names were freed by the cut, so the paste keeps them, and the edge between them, and
    // the nodes go back where they were.
    expect(s().selectedNodeIds).toEqual(['rovioAds', 'ads']);
    const where = (doc: typeof before, id: string) => doc.nodes.find((n) => n.id === id)?.position;
    expect(where(s().doc, 'ads')).toEqual(where(before, 'ads'));
    expect(s().doc.edges.map((e) => e.id)).toContain('rovioToAds');
  });

  it('pastes nodes copied in another tab below the graph, in view, and the next paste a step on', () => {
    const first = testStore().store;
    first.getState().loadTemplate('ad-counter');
    first.getState().select(['rovioAds', 'ads']);
    const text = first.getState().copySelection() ?? '';

    const { store } = testStore();
    const s = () => store.getState();
    s().loadTemplate('leaderboard');
    const bottom = Math.max(...s().doc.nodes.map((n) => n.position.y + 90));
    const left = Math.min(...s().doc.nodes.map((n) => n.position.x));
    expect(s().pasteText(text)).toBe(true);
    const pasted = s().selectedNodeIds;
    expect(pasted).toHaveLength(2);
    const at = (id: string | undefined) => s().doc.nodes.find((n) => n.id === id)?.position;
    const top = Math.min(...pasted.map((id) => at(id)?.y ?? 0));
    expect(top).toBe(bottom + 80);
    expect(Math.min(...pasted.map((id) => at(id)?.x ?? 0))).toBe(left);
    expect(s().focus?.nodeIds).toEqual(pasted);
    expect(s().doc.edges.filter((e) => pasted.includes(e.target))).toHaveLength(1);

    expect(s().pasteText(text)).toBe(true);
    const again = s().selectedNodeIds;
    expect(again.every((id) => !pasted.includes(id))).toBe(true);
    expect(at(again[0])).toEqual({
      x: (at(pasted[0])?.x ?? 0) + 40,
      y: (at(pasted[0])?.y ?? 0) + 40,
    });
  });

  it('pastes its own copy as Paste does, and refuses text that holds no graph', () => {
    const { store } = testStore();
    const s = () => store.getState();
    s().addNodeOfType('variable', 'orset', { x: 0, y: 0 });
    const text = s().copySelection() ?? '';
    expect(s().pasteText(text)).toBe(true);
    expect(s().doc.nodes.map((n) => n.position.x)).toEqual([0, 40]);
    const doc = s().doc;
    expect(s().pasteText('{"not": "a graph"}')).toBe(false);
    expect(s().doc).toBe(doc);
  });
});
