import { useEffect } from 'react';
import { writeClipboard } from '../io/file-io';
import type { EditorStore } from '../store/editor-store';
import { shortcutFor, type ShortcutId } from './shortcuts';

export const isField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** What each shortcut does; the store holds every action. */
export function runShortcut(store: EditorStore, id: ShortcutId): void {
  const s = store.getState();
  switch (id) {
    case 'undo':
      return s.undo();
    case 'redo':
      return s.redo();
    case 'copy':
    case 'cut': {
      // From a menu, not a clipboard event: the system clipboard is written where it allows.
      const text = id === 'cut' ? s.cutSelection() : s.copySelection();
      if (text !== undefined) void writeClipboard(text);
      return;
    }
    case 'paste':
      return s.paste();
    case 'delete':
      return s.deleteSelection();
    case 'select-all':
      return s.select(s.doc.nodes.map((n) => n.id));
    case 'save':
      void s.save();
      return;
    case 'find':
      return s.setFindOpen(true);
    case 'panels':
      return s.togglePanels();
    case 'help':
      return s.setHelpOpen(!s.helpOpen);
    case 'escape':
      if (s.helpOpen || s.graphsOpen || s.findOpen || s.pasteImportOpen || s.importProblems) {
        store.setState({
          helpOpen: false,
          graphsOpen: false,
          findOpen: false,
          pasteImportOpen: false,
          importProblems: undefined,
        });
      } else {
        s.clearSelection();
      }
      return;
  }
}

/** Listens for the editor's shortcuts on the whole page while the editor is shown. */
export function useShortcuts(store: EditorStore): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const shortcut = shortcutFor(e);
      if (!shortcut || shortcut.clipboard) return;
      if (isField(e.target) && !shortcut.inFields) return;
      e.preventDefault();
      runShortcut(store, shortcut.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
