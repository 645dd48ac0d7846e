// @vitest-environment jsdom
import { NODE_KINDS, nodeTypesOfKind } from '@inflow/shared-core';
import { ReactFlowProvider } from '@xyflow/react';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../jsdom-gaps';
import { Inspector } from '../inspector/Inspector';
import { runShortcut, useShortcuts } from '../keyboard/use-shortcuts';
import { EditorStoreProvider } from '../store/editor-context';
import type { EditorStore } from '../store/editor-store';
import { testStore } from '../store/test-store';
import { Canvas } from './Canvas';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Editor({ store }: { store: EditorStore }) {
  useShortcuts(store);
  return (
    <>
      <Canvas />
      <Inspector />
    </>
  );
}

/**
 * The real canvas with the ad counter. Nothing is measured in jsdom, so React Flow never fits
 * the view: the viewport stays at the origin, zoom 1, and window and flow coordinates agree.
 */
function setup() {
  const { store } = testStore();
  store.getState().loadTemplate('ad-counter');
  render(
    <EditorStoreProvider store={store}>
      <ReactFlowProvider>
        <Editor store={store} />
      </ReactFlowProvider>
    </EditorStoreProvider>,
  );
  const s = () => store.getState();
  const node = (id: string) => {
    const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`);
    if (!el) throw new Error(`no node ${id} on the canvas`);
    return el;
  };
  const pane = () => {
    const el = document.querySelector('.react-flow__pane');
    if (!el) throw new Error('no pane');
    return el;
  };
  const menu = () => screen.queryByTestId('context-menu');
  const item = (id: string) => screen.getByTestId(`context-menu-${id}`);
  const options = () => within(screen.getByRole('listbox')).queryAllByRole('option');
  const key = (k: string, init: object = {}) =>
    fireEvent.keyDown(document.activeElement ?? document.body, { key: k, ...init });
  return { store, s, node, pane, menu, item, options, key };
}

const pos = (store: EditorStore, id: string) =>
  store.getState().doc.nodes.find((n) => n.id === id)?.position;

describe('the canvas context menu on a node', () => {
  it('selects the node alone and opens its menu with focus on the first item', () => {
    const { s, node, menu, item } = setup();
    act(() => s().select(['ads', 'adsLog']));
    fireEvent.contextMenu(node('contracts'), { clientX: 300, clientY: 200 });
    expect(s().selectedNodeIds).toEqual(['contracts']);
    const m = screen.getByRole('menu', { name: 'Actions for contracts' });
    expect(menu()?.getAttribute('data-target')).toBe('node');
    expect(
      within(m)
        .getAllByRole('menuitem')
        .map((i) => i.getAttribute('data-testid')),
    ).toEqual([
      'context-menu-inspect',
      'context-menu-centre',
      'context-menu-duplicate',
      'context-menu-cut',
      'context-menu-copy',
      'context-menu-delete',
    ]);
    expect(document.activeElement).toBe(item('inspect'));
    expect(item('copy').querySelector('kbd')?.textContent).toBe('Ctrl+C');
    expect(item('copy').getAttribute('aria-keyshortcuts')).toBe('Control+C');
    expect(item('delete').querySelector('kbd')?.textContent).toBe('Delete');
    expect(item('duplicate').querySelector('kbd')).toBeNull();
  });

  it('moves with the arrows, Home and End, and Enter runs the focused item', () => {
    const { store, s, node, menu, item, key } = setup();
    fireEvent.contextMenu(node('contracts'), { clientX: 300, clientY: 200 });
    key('ArrowUp');
    expect(document.activeElement).toBe(item('delete'));
    key('Home');
    expect(document.activeElement).toBe(item('inspect'));
    key('End');
    expect(document.activeElement).toBe(item('delete'));
    key('ArrowDown');
    key('ArrowDown');
    key('ArrowDown');
    expect(document.activeElement).toBe(item('duplicate'));
    key('Enter');
    expect(menu()).toBeNull();
    expect(pos(store, 'contracts1')).toEqual({ x: 300, y: 360 });
    expect(s().selectedNodeIds).toEqual(['contracts1']);
    expect(document.activeElement).toBe(node('contracts'));
  });

  it("closes on Escape without the editor's Escape clearing the selection, and returns focus", () => {
    const { s, node, menu, key } = setup();
    fireEvent.contextMenu(node('contracts'), { clientX: 300, clientY: 200 });
    key('Escape');
    expect(menu()).toBeNull();
    expect(s().selectedNodeIds).toEqual(['contracts']);
    expect(document.activeElement).toBe(node('contracts'));
  });

  it('keeps other keys from reaching the editor while open: Delete does not delete', () => {
    const { s, node, menu, key } = setup();
    fireEvent.contextMenu(node('contracts'), { clientX: 300, clientY: 200 });
    key('Delete');
    expect(menu()).not.toBeNull();
    expect(s().doc.nodes.some((n) => n.id === 'contracts')).toBe(true);
  });

  it('closes on a click elsewhere', () => {
    const { node, menu } = setup();
    fireEvent.contextMenu(node('contracts'), { clientX: 300, clientY: 200 });
    fireEvent.pointerDown(document.body);
    expect(menu()).toBeNull();
    expect(document.activeElement).toBe(node('contracts'));
  });

  it('copies and deletes through the store, and closes when its node is gone', () => {
    const { s, node, menu, item } = setup();
    fireEvent.contextMenu(node('contracts'), { clientX: 300, clientY: 200 });
    fireEvent.click(item('copy'));
    expect(s().clipboard?.nodes.map((n) => n.id)).toEqual(['contracts']);
    fireEvent.contextMenu(node('contracts'), { clientX: 300, clientY: 200 });
    fireEvent.click(item('delete'));
    expect(s().doc.nodes.some((n) => n.id === 'contracts')).toBe(false);
    expect(menu()).toBeNull();

    fireEvent.contextMenu(node('ads'), { clientX: 300, clientY: 200 });
    act(() => s().deleteSelection());
    expect(menu()).toBeNull();
  });

  it('opens with Shift+F10 or the ContextMenu key on a focused node', () => {
    const { s, node, menu, key } = setup();
    node('riotAds').focus();
    key('F10');
    expect(menu()).toBeNull();
    key('F10', { shiftKey: true });
    expect(screen.getByRole('menu').getAttribute('aria-label')).toBe('Actions for riotAds');
    expect(s().selectedNodeIds).toEqual(['riotAds']);
    key('Escape');
    expect(document.activeElement).toBe(node('riotAds'));
    key('ContextMenu');
    expect(menu()).not.toBeNull();
  });

  it('moves focus into the inspector on "Edit in inspector"', () => {
    const { s, node, menu, item } = setup();
    fireEvent.contextMenu(node('removeAd'), { clientX: 300, clientY: 200 });
    fireEvent.click(item('inspect'));
    expect(menu()).toBeNull();
    expect(s().selectedNodeIds).toEqual(['removeAd']);
    const inspector = screen.getByTestId('inspector-node');
    expect(inspector.contains(document.activeElement)).toBe(true);
    expect(document.activeElement?.tagName).toBe('INPUT');
  });
});

describe('the canvas context menu on a selection', () => {
  it('keeps a multi-selection and deletes every node of it', () => {
    const { s, node, menu, item } = setup();
    act(() => s().select(['rovioAds', 'riotAds']));
    fireEvent.contextMenu(node('rovioAds'), { clientX: 300, clientY: 200 });
    expect(menu()?.getAttribute('data-target')).toBe('selection');
    expect(s().selectedNodeIds).toEqual(['rovioAds', 'riotAds']);
    fireEvent.click(item('delete'));
    expect(s().doc.nodes.map((n) => n.id)).not.toContain('rovioAds');
    expect(s().doc.nodes.map((n) => n.id)).not.toContain('riotAds');
    expect(s().doc.nodes).toHaveLength(8);
  });
});

describe('the canvas context menu on the pane', () => {
  it('shows paste disabled with an empty clipboard, and then pastes at the pointer', () => {
    const { store, s, node, pane, menu, item, key } = setup();
    fireEvent.contextMenu(pane(), { clientX: 700, clientY: 650 });
    expect(screen.getByRole('menu').getAttribute('aria-label')).toBe('Canvas actions');
    expect(item('paste-here').getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(item('add-node'));
    const before = s().doc;
    fireEvent.click(item('paste-here'));
    expect(menu()).not.toBeNull();
    expect(s().doc).toBe(before);
    key('Escape');

    fireEvent.contextMenu(node('contracts'), { clientX: 300, clientY: 200 });
    fireEvent.click(item('copy'));
    fireEvent.contextMenu(pane(), { clientX: 721, clientY: 654 });
    expect(item('paste-here').getAttribute('aria-disabled')).toBeNull();
    fireEvent.click(item('paste-here'));
    expect(pos(store, 'contracts1')).toEqual({ x: 721, y: 654 });
    expect(s().selectedNodeIds).toEqual(['contracts1']);
  });

  it('lets a paste from the keyboard land where the pointer is over the canvas', () => {
    const { store, s, node, pane, item } = setup();
    fireEvent.contextMenu(node('contracts'), { clientX: 300, clientY: 200 });
    fireEvent.click(item('copy'));
    const move = (type: string, x: number, y: number) =>
      act(
        () =>
          void pane().dispatchEvent(
            new MouseEvent(type, { clientX: x, clientY: y, bubbles: true }),
          ),
      );
    move('pointermove', 512, 384);
    act(() => runShortcut(store, 'paste'));
    expect(pos(store, 'contracts1')).toEqual({ x: 512, y: 384 });
    expect(s().status?.text).toBe('Pasted 1 node');
    // Once the pointer has left the canvas, a paste lands a step from the copied node again.
    move('pointerleave', 0, 0);
    act(() => runShortcut(store, 'paste'));
    expect(pos(store, 'contracts2')).toEqual({ x: 300, y: 360 });
  });

  it('adds a node of a filtered catalog type at the pointer', () => {
    const { store, s, pane, menu, item, options, key } = setup();
    fireEvent.contextMenu(pane(), { clientX: 50, clientY: 700 });
    fireEvent.click(item('add-node'));
    const filter = screen.getByTestId('context-menu-add-filter');
    expect(document.activeElement).toBe(filter);
    const all = NODE_KINDS.flatMap((k) => nodeTypesOfKind(k));
    expect(options()).toHaveLength(all.length);

    fireEvent.change(filter, { target: { value: 'counter' } });
    const found = options().map((o) => o.getAttribute('data-testid'));
    expect(found).toEqual([
      'context-menu-add-variable-gcounter',
      'context-menu-add-variable-pncounter',
    ]);
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true');
    key('ArrowDown');
    const second = screen.getByTestId('context-menu-add-variable-pncounter');
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(filter.getAttribute('aria-activedescendant')).toBe(second.id);
    key('Enter');
    expect(menu()).toBeNull();
    expect(pos(store, 'pncounter1')).toEqual({ x: 50, y: 700 });
    expect(s().selectedNodeIds).toEqual(['pncounter1']);

    fireEvent.contextMenu(pane(), { clientX: 60, clientY: 80 });
    fireEvent.click(item('add-node'));
    fireEvent.change(screen.getByTestId('context-menu-add-filter'), { target: { value: 'zzz' } });
    expect(options()).toEqual([]);
    expect(screen.getByText(/No type matches/)).toBeTruthy();
    key('Enter');
    expect(menu()).not.toBeNull();
    fireEvent.change(screen.getByTestId('context-menu-add-filter'), { target: { value: 'webh' } });
    fireEvent.click(screen.getByTestId('context-menu-add-sink-webhook'));
    expect(pos(store, 'webhook1')).toEqual({ x: 60, y: 80 });
  });

  it('flips left and up near the right and bottom edges of the window', () => {
    const { pane, menu } = setup();
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: HTMLElement,
    ) {
      const menuBox = this.classList.contains('context-menu');
      return DOMRect.fromRect(menuBox ? { width: 220, height: 180 } : {});
    });
    const [w, h] = [window.innerWidth, window.innerHeight];
    fireEvent.contextMenu(pane(), { clientX: w - 10, clientY: h - 10 });
    expect(menu()?.style.left).toBe(`${w - 10 - 220}px`);
    expect(menu()?.style.top).toBe(`${h - 10 - 180}px`);
    fireEvent.pointerDown(document.body);
    fireEvent.contextMenu(pane(), { clientX: 30, clientY: 40 });
    expect([menu()?.style.left, menu()?.style.top]).toEqual(['30px', '40px']);
  });

  it('keeps the list of types to add inside the canvas, not over the panels beside it', () => {
    const { pane, menu, item } = setup();
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: HTMLElement,
    ) {
      if (this.classList.contains('context-menu'))
        return DOMRect.fromRect({ width: 260, height: 300 });
      // The canvas: from 230 px (the palette's width) to 830 px, under a 40 px toolbar.
      if (this.classList.contains('react-flow')) return new DOMRect(230, 40, 600, 500);
      return DOMRect.fromRect({});
    });
    fireEvent.contextMenu(pane(), { clientX: 700, clientY: 400 });
    // The menu of actions may cross the canvas's edge, as native menus do.
    expect([menu()?.style.left, menu()?.style.top]).toEqual(['700px', '400px']);
    fireEvent.click(item('add-node'));
    expect([menu()?.style.left, menu()?.style.top]).toEqual([`${700 - 260}px`, `${400 - 300}px`]);
  });
});
