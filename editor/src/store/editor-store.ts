import { createStore, type StoreApi } from 'zustand/vanilla';
import { createClipboardSlice } from './clipboard-slice';
import { createDocumentSlice } from './document-slice';
import { createRemoteSlice } from './remote-slice';
import { createSelectionSlice } from './selection-slice';
import { createSessionSlice } from './session-slice';
import type { EditorDeps, EditorState } from './store-types';
import { createUiSlice } from './ui-slice';

export type EditorStore = StoreApi<EditorState>;

/** One store per editor instance (the app, or a test), so nothing leaks between them. */
export function createEditorStore(deps: EditorDeps): EditorStore {
  return createStore<EditorState>()((set, get) => ({
    ...createUiSlice(set, get, deps),
    ...createSelectionSlice(set, get, deps),
    ...createSessionSlice(set, get, deps),
    ...createRemoteSlice(set, get, deps),
    ...createDocumentSlice(set, get, deps),
    ...createClipboardSlice(set, get, deps),
  }));
}

/** The browser's fetch and sessionStorage, with the API on the page's own origin. */
export function browserDeps(): EditorDeps {
  return {
    fetch: (input, init) => window.fetch(input, init),
    storage: window.sessionStorage,
    now: () => Date.now(),
  };
}
