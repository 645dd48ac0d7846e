import { SHORTCUTS, type ShortcutId } from '../keyboard/shortcuts';
import { runShortcut } from '../keyboard/use-shortcuts';
import type { XY } from '../store/document-edits';
import type { EditorStore } from '../store/editor-store';
import type { EditorState } from '../store/store-types';
import type { LooseWire } from '../store/wire-drop';

/** What was right-clicked; `at` is the pointer in flow coordinates. */
export type MenuTarget =
  | { kind: 'node'; nodeId: string }
  | { kind: 'edge'; edgeId: string }
  | { kind: 'selection' }
  /** `wire`: a wire dropped here, which the node added here takes. */
  | { kind: 'pane'; at: XY; wire?: LooseWire };

/** What the pointer or the keyboard hit, before the selection decides which menu it gets. */
export type MenuHit =
  | { kind: 'node'; id: string }
  | { kind: 'edge'; id: string }
  | { kind: 'selection' }
  | { kind: 'pane'; at: XY };

export type MenuActionId =
  | 'inspect'
  | 'centre'
  | 'duplicate'
  | 'cut'
  | 'copy'
  | 'delete'
  | 'paste-here'
  | 'add-node'
  | 'select-all'
  | 'find'
  | 'fit-view'
  | 'auto-layout'
  | 'undo'
  | 'redo';

export interface MenuItem {
  id: MenuActionId;
  label: string;
  /** The keyboard shortcut doing the same, as the help panel names it. */
  keys?: string;
  disabled: boolean;
}

/** The facts about the editor that enable or disable items, as primitives a selector can return. */
export interface MenuFacts {
  nodeCount: number;
  selectedNodeCount: number;
  hasClipboard: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

export const menuFactsOf = (s: EditorState): MenuFacts => ({
  nodeCount: s.doc.nodes.length,
  selectedNodeCount: s.selectedNodeIds.length,
  hasClipboard: s.clipboard !== undefined,
  canUndo: s.history.past.length > 0,
  canRedo: s.history.future.length > 0,
});

const SHORTCUT_OF: Partial<Record<MenuActionId, ShortcutId>> = {
  cut: 'cut',
  copy: 'copy',
  delete: 'delete',
  'select-all': 'select-all',
  find: 'find',
  undo: 'undo',
  redo: 'redo',
};

/** The first of a shortcut's alternatives ("Delete or Backspace" shows as "Delete"). */
function keysOf(id: MenuActionId): string | undefined {
  const shortcut = SHORTCUTS.find((s) => s.id === SHORTCUT_OF[id]);
  return shortcut?.keys.split(' or ')[0];
}

const item = (id: MenuActionId, label: string, disabled = false): MenuItem => {
  const keys = keysOf(id);
  return keys === undefined ? { id, label, disabled } : { id, label, keys, disabled };
};

/** The items of the menu for `target`, in the order shown. */
export function menuItems(target: MenuTarget, facts: MenuFacts): MenuItem[] {
  switch (target.kind) {
    case 'node':
      return [
        item('inspect', 'Edit in inspector'),
        item('centre', 'Centre in view'),
        item('duplicate', 'Duplicate'),
        item('cut', 'Cut'),
        item('copy', 'Copy'),
        item('delete', 'Delete'),
      ];
    case 'selection': {
      const noNodes = facts.selectedNodeCount === 0;
      return [
        item('centre', 'Centre in view', noNodes),
        item('duplicate', 'Duplicate', noNodes),
        item('cut', 'Cut', noNodes),
        item('copy', 'Copy', noNodes),
        item('delete', 'Delete'),
      ];
    }
    case 'edge':
      return [item('delete', 'Delete')];
    case 'pane': {
      const empty = facts.nodeCount === 0;
      return [
        item('paste-here', 'Paste here', !facts.hasClipboard),
        item('add-node', 'Add node here…'),
        item('select-all', 'Select all', empty),
        item('find', 'Find a node…', empty),
        item('fit-view', 'Fit view', empty),
        item('auto-layout', 'Auto-layout', empty),
        item('undo', 'Undo', !facts.canUndo),
        item('redo', 'Redo', !facts.canRedo),
      ];
    }
  }
}

/**
 * The menu a hit opens, and the selection to make first. A right-click on an element outside the
 * selection selects it alone (as in Node-RED and most editors); on an element of a larger
 * selection it keeps the selection and offers what applies to all of it.
 */
export function resolveHit(
  s: Pick<EditorState, 'selectedNodeIds' | 'selectedEdgeIds'>,
  hit: MenuHit,
): { target: MenuTarget; select?: { nodeIds: string[]; edgeIds: string[] } } {
  const many = s.selectedNodeIds.length + s.selectedEdgeIds.length > 1;
  switch (hit.kind) {
    case 'node':
      if (many && s.selectedNodeIds.includes(hit.id)) return { target: { kind: 'selection' } };
      return {
        target: { kind: 'node', nodeId: hit.id },
        select: { nodeIds: [hit.id], edgeIds: [] },
      };
    case 'edge':
      if (many && s.selectedEdgeIds.includes(hit.id)) return { target: { kind: 'selection' } };
      return {
        target: { kind: 'edge', edgeId: hit.id },
        select: { nodeIds: [], edgeIds: [hit.id] },
      };
    case 'selection':
      return { target: { kind: 'selection' } };
    case 'pane':
      return { target: { kind: 'pane', at: hit.at } };
  }
}

/**
 * Runs a menu item. Items with a keyboard shortcut or a toolbar button run exactly what those
 * run; `add-node` is the menu's own (it opens the type picker).
 */
export function runMenuAction(store: EditorStore, id: MenuActionId, target: MenuTarget): void {
  const s = store.getState();
  switch (id) {
    case 'inspect':
      if (target.kind === 'node') s.select([target.nodeId]);
      return;
    case 'centre':
      return s.focusNodes(target.kind === 'node' ? [target.nodeId] : s.selectedNodeIds);
    case 'duplicate':
      return s.duplicateSelection();
    case 'paste-here':
      if (target.kind === 'pane') s.paste(target.at);
      return;
    case 'fit-view':
      // Asked for by name: all of it, as the zoom controls' button does, however small.
      return s.fitAll({ whole: true });
    case 'auto-layout':
      return s.autoLayout();
    case 'add-node':
      return;
    case 'cut':
    case 'copy':
    case 'delete':
    case 'select-all':
    case 'find':
    case 'undo':
    case 'redo':
      return runShortcut(store, id);
  }
}
