import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { createPortal, flushSync } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { menuKeyTarget } from '../menu/menu-keys';
import { MenuItemButton } from '../menu/MenuItemButton';
import { useDismiss } from '../menu/use-dismiss';
import type { XY } from '../store/document-edits';
import { useEditor, useEditorStore } from '../store/editor-context';
import type { EditorState } from '../store/store-types';
import { AddNodePicker } from './AddNodePicker';
import {
  menuFactsOf,
  menuItems,
  runMenuAction,
  type MenuItem,
  type MenuTarget,
} from './context-menu-actions';
import { placeMenu, roomOf } from './menu-placement';

export interface ContextMenuProps {
  target: MenuTarget;
  /** Where it was opened, in window coordinates. */
  anchor: XY;
  /** Closes the menu; `restoreFocus` is false when the chosen item moved focus on purpose. */
  onClose(restoreFocus: boolean): void;
  /**
   * The canvas: the list of types to add stays inside it, since it adds on the canvas and would
   * otherwise cover the inspector. The menu of actions may cross it, as native menus do.
   */
  area?: Element | null;
}

const labelOf = (target: MenuTarget): string => {
  switch (target.kind) {
    case 'node':
      return `Actions for ${target.nodeId}`;
    case 'edge':
      return `Actions for edge ${target.edgeId}`;
    case 'selection':
      return 'Actions for the selection';
    case 'pane':
      return 'Canvas actions';
  }
};

const targetExists = (target: MenuTarget) => (s: EditorState) =>
  target.kind === 'node'
    ? s.doc.nodes.some((n) => n.id === target.nodeId)
    : target.kind === 'edge'
      ? s.doc.edges.some((e) => e.id === target.edgeId)
      : true;

/** Moves focus to the inspector's first field; whether there was one to take it. */
function focusInspector(): boolean {
  const field = document.querySelector<HTMLElement>(
    '[data-testid="inspector-node"] :is(input, select, textarea)',
  );
  field?.focus();
  return field !== null && document.activeElement === field;
}

/**
 * The canvas's right-click menu (an ARIA menu): the items for what was clicked, each showing its
 * shortcut; arrows move, Enter activates, Escape, Tab or a click elsewhere closes. It renders into
 * the body so that no transformed ancestor can shift or clip it.
 */
export function ContextMenu({ target, anchor, onClose, area }: ContextMenuProps) {
  const store = useEditorStore();
  const facts = useEditor(useShallow(menuFactsOf));
  const exists = useEditor(useMemo(() => targetExists(target), [target]));
  const items = useMemo(() => menuItems(target, facts), [target, facts]);
  // A dropped wire opens straight at the types that can take it.
  const [view, setView] = useState<'actions' | 'add'>(
    target.kind === 'pane' && target.wire ? 'add' : 'actions',
  );
  const [at, setAt] = useState(anchor);
  const box = useRef<HTMLDivElement>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  // Measured before paint, so the menu never shows across the window's edge.
  useLayoutEffect(() => {
    const rect = box.current?.getBoundingClientRect();
    if (!rect) return;
    const room =
      view === 'add' && area
        ? roomOf(area)
        : { width: window.innerWidth, height: window.innerHeight };
    setAt(placeMenu(anchor, { width: rect.width, height: rect.height }, room));
  }, [anchor, view, area]);

  useLayoutEffect(() => {
    if (view !== 'actions') return;
    const first = items.findIndex((i) => !i.disabled);
    buttons.current[Math.max(first, 0)]?.focus({ preventScroll: true });
    // Only on opening (not on `items`): an edit elsewhere must not pull focus back to the top.
  }, [view]);

  useEffect(() => {
    if (!exists) onClose(true);
  }, [exists, onClose]);

  const dismiss = useCallback(() => onClose(true), [onClose]);
  useDismiss(box, dismiss);

  const activate = (item: MenuItem) => {
    if (item.disabled) return;
    if (item.id === 'add-node') return setView('add');
    if (item.id === 'inspect') {
      // The inspector must show the node before focus can move into it.
      flushSync(() => runMenuAction(store, item.id, target));
      onClose(!focusInspector());
      return;
    }
    runMenuAction(store, item.id, target);
    onClose(true);
  };

  const moveFocus = (e: KeyboardEvent) => {
    const now = buttons.current.findIndex((b) => b === document.activeElement);
    const next = menuKeyTarget(e.key, now, items.length);
    if (next === undefined) return false;
    buttons.current[next]?.focus({ preventScroll: true });
    return true;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // While the menu is open the keys are its own, not the editor's shortcuts.
    e.stopPropagation();
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose(true);
    } else if (view === 'actions' && moveFocus(e)) {
      e.preventDefault();
    } else if (view === 'actions' && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      const item = items[buttons.current.findIndex((b) => b === document.activeElement)];
      if (item) activate(item);
    }
  };

  return createPortal(
    <div
      ref={box}
      className="menu context-menu"
      data-testid="context-menu"
      data-target={target.kind}
      style={{ left: at.x, top: at.y }}
      onKeyDown={onKeyDown}
      // A keyboard-opened menu still receives the browser's contextmenu event: keep its own out.
      onContextMenu={(e: MouseEvent) => e.preventDefault()}
    >
      {view === 'add' && target.kind === 'pane' ? (
        <AddNodePicker at={target.at} wire={target.wire} onDone={() => onClose(true)} />
      ) : (
        <div role="menu" aria-label={labelOf(target)} aria-orientation="vertical">
          {items.map((item, i) => (
            <MenuItemButton
              key={item.id}
              label={item.label}
              testId={`context-menu-${item.id}`}
              register={(el) => {
                buttons.current[i] = el;
              }}
              onActivate={() => activate(item)}
              keys={item.keys}
              disabled={item.disabled}
            />
          ))}
        </div>
      )}
    </div>,
    document.body,
  );
}
