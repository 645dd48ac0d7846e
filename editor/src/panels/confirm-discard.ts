import type { EditorStore } from '../store/editor-store';
import { selectDirty } from '../store/remote-slice';

/** Asks before an action replaces a document with unsaved changes. */
export function confirmDiscard(store: EditorStore): boolean {
  const state = store.getState();
  if (!selectDirty(state)) return true;
  return window.confirm(`"${state.doc.name}" has unsaved changes. Discard them?`);
}
