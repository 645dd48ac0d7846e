import { describe, expect, it } from 'vitest';
import { copyFragment, pasteFragment } from './clipboard';
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
