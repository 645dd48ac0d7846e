// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isContextMenuKey, keyboardHit } from './use-context-menu';

const press = (
  key: string,
  mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {},
) =>
  isContextMenuKey({
    key,
    shiftKey: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    ...mods,
  });

describe('the keyboard way into the canvas menu', () => {
  it('takes the ContextMenu key and Shift+F10, nothing else', () => {
    expect(press('ContextMenu')).toBe(true);
    expect(press('F10', { shiftKey: true })).toBe(true);
    expect(press('F10')).toBe(false);
    expect(press('F10', { shiftKey: true, ctrlKey: true })).toBe(false);
    expect(press('Enter', { shiftKey: true })).toBe(false);
  });

  it('finds the node, edge or selection a focused element belongs to', () => {
    document.body.innerHTML = `
      <div class="react-flow__node" data-id="ads"><span id="inner">ads</span></div>
      <svg><g class="react-flow__edge" data-id="e1"><path id="path"/></g></svg>
      <div class="react-flow__nodesselection-rect" id="rect"></div>
      <div class="react-flow__pane" id="pane"></div>`;
    const el = (id: string) => document.getElementById(id) as Element;
    expect(keyboardHit(el('inner'))?.hit).toEqual({ kind: 'node', id: 'ads' });
    expect(keyboardHit(el('path'))?.hit).toEqual({ kind: 'edge', id: 'e1' });
    expect(keyboardHit(el('rect'))?.hit).toEqual({ kind: 'selection' });
    expect(keyboardHit(el('pane'))).toBeUndefined();
  });
});
