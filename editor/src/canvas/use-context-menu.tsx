import { useReactFlow, useStore, type Edge, type Node } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { XY } from '../store/document-edits';
import { useEditorStore } from '../store/editor-context';
import type { LooseWire } from '../store/wire-drop';
import { ContextMenu } from './ContextMenu';
import { resolveHit, type MenuHit, type MenuTarget } from './context-menu-actions';

interface OpenMenu {
  target: MenuTarget;
  anchor: XY;
  /** What had focus before, to get it back when the menu closes. */
  origin: Element | null;
  /** Each opening is a fresh menu (back at its first view), even on the same spot. */
  seq: number;
}

/** The parts of a KeyboardEvent that decide whether it asks for a context menu. */
type KeyLike = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>;

/** The ContextMenu key, or Shift+F10 (the keyboard's way to a context menu on every desktop). */
export const isContextMenuKey = (e: KeyLike): boolean =>
  e.key === 'ContextMenu' ||
  (e.key === 'F10' && e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey);

/** The canvas element a keyboard event came from (React Flow nodes and edges are focusable). */
export function keyboardHit(from: Element): { hit: MenuHit; element: Element } | undefined {
  const node = from.closest('.react-flow__node');
  const nodeId = node?.getAttribute('data-id');
  if (node && nodeId) return { hit: { kind: 'node', id: nodeId }, element: node };
  const edge = from.closest('.react-flow__edge');
  const edgeId = edge?.getAttribute('data-id');
  if (edge && edgeId) return { hit: { kind: 'edge', id: edgeId }, element: edge };
  const selection = from.closest('.react-flow__nodesselection-rect');
  if (selection) return { hit: { kind: 'selection' }, element: selection };
  return undefined;
}

/** Where a menu for `element` opens without a pointer: just inside its left edge, half-way down. */
function anchorInside(element: Element): XY {
  const r = element.getBoundingClientRect();
  return { x: r.left + Math.min(24, r.width / 2), y: r.top + r.height / 2 };
}

/** The pointer, or for a keyboard-made contextmenu event (which has none) the element itself. */
const anchorOf = (e: MouseEvent, element: Element): XY =>
  e.clientX === 0 && e.clientY === 0 ? anchorInside(element) : { x: e.clientX, y: e.clientY };

function refocus(origin: Element | null): void {
  if ((origin instanceof HTMLElement || origin instanceof SVGElement) && origin.isConnected) {
    origin.focus({ preventScroll: true });
  }
}

/**
 * The canvas's context menu: handlers for React Flow's context-menu props, the keyboard way in
 * (the ContextMenu key or Shift+F10 on a focused node, edge or selection), and the menu itself.
 */
export function useCanvasContextMenu(): {
  handlers: {
    onNodeContextMenu(e: MouseEvent, node: Node): void;
    onEdgeContextMenu(e: MouseEvent, edge: Edge): void;
    onSelectionContextMenu(e: MouseEvent, nodes: Node[]): void;
    onPaneContextMenu(e: MouseEvent | globalThis.MouseEvent): void;
  };
  /** Opens the type picker for a wire dropped on empty canvas at `pointer` (window coordinates). */
  openForWire(wire: LooseWire, pointer: XY): void;
  menu: ReactNode;
} {
  const store = useEditorStore();
  const { screenToFlowPosition } = useReactFlow();
  const domNode = useStore((s) => s.domNode);
  const [open, setOpen] = useState<OpenMenu>();
  const opened = useRef(0);

  const openFor = useCallback(
    (hit: MenuHit, anchor: XY, origin: Element | null) => {
      const { target, select } = resolveHit(store.getState(), hit);
      if (select) store.getState().select(select.nodeIds, select.edgeIds);
      setOpen({ target, anchor, origin, seq: ++opened.current });
    },
    [store],
  );

  const onNodeContextMenu = useCallback(
    (e: MouseEvent, node: Node) => {
      e.preventDefault();
      openFor({ kind: 'node', id: node.id }, anchorOf(e, e.currentTarget), e.currentTarget);
    },
    [openFor],
  );
  const onEdgeContextMenu = useCallback(
    (e: MouseEvent, edge: Edge) => {
      e.preventDefault();
      openFor({ kind: 'edge', id: edge.id }, anchorOf(e, e.currentTarget), e.currentTarget);
    },
    [openFor],
  );
  const onSelectionContextMenu = useCallback(
    (e: MouseEvent) => {
      e.preventDefault();
      openFor({ kind: 'selection' }, anchorOf(e, e.currentTarget), e.currentTarget);
    },
    [openFor],
  );
  const onPaneContextMenu = useCallback(
    (e: MouseEvent | globalThis.MouseEvent) => {
      e.preventDefault();
      const pointer = { x: e.clientX, y: e.clientY };
      openFor({ kind: 'pane', at: screenToFlowPosition(pointer) }, pointer, document.activeElement);
    },
    [openFor, screenToFlowPosition],
  );

  const openForWire = useCallback(
    (wire: LooseWire, pointer: XY) => {
      const target = { kind: 'pane', at: screenToFlowPosition(pointer), wire } as const;
      setOpen({ target, anchor: pointer, origin: document.activeElement, seq: ++opened.current });
    },
    [screenToFlowPosition],
  );

  useEffect(() => {
    if (!domNode) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (!isContextMenuKey(e) || !(e.target instanceof Element)) return;
      const found = keyboardHit(e.target);
      if (!found) return;
      e.preventDefault();
      openFor(found.hit, anchorInside(found.element), found.element);
    };
    domNode.addEventListener('keydown', onKeyDown);
    return () => domNode.removeEventListener('keydown', onKeyDown);
  }, [domNode, openFor]);

  const close = useCallback(
    (restoreFocus: boolean) => {
      setOpen(undefined);
      if (restoreFocus) refocus(open?.origin ?? null);
    },
    [open],
  );

  return {
    handlers: { onNodeContextMenu, onEdgeContextMenu, onSelectionContextMenu, onPaneContextMenu },
    openForWire,
    menu: open && (
      <ContextMenu
        key={open.seq}
        target={open.target}
        anchor={open.anchor}
        onClose={close}
        area={domNode}
      />
    ),
  };
}
