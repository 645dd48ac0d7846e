import { useEffect } from 'react';
import type { EditorStore } from '../store/editor-store';
import { shortcutFor, type ShortcutId } from './shortcuts';

const isField = (target: EventTarget | null): boolean =>
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
      return s.copySelection();
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
      if (s.helpOpen || s.graphsOpen || s.findOpen || s.importProblems) {
        store.setState({
          helpOpen: false,
          graphsOpen: false,
          findOpen: false,
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
      if (!shortcut) return;
      if (isField(e.target) && !shortcut.inFields) return;
      // Text selected on the page (a problem message) is the user's to copy, not the nodes.
      if (shortcut.id === 'copy' && (window.getSelection()?.toString() ?? '') !== '') return;
      e.preventDefault();
      runShortcut(store, shortcut.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
