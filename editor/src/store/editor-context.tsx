import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { EditorStore } from './editor-store';
import type { EditorState } from './store-types';

const EditorStoreContext = createContext<EditorStore | null>(null);

export function EditorStoreProvider({
  store,
  children,
}: {
  store: EditorStore;
  children: ReactNode;
}) {
  return <EditorStoreContext.Provider value={store}>{children}</EditorStoreContext.Provider>;
}

export function useEditorStore(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditorStore needs an <EditorStoreProvider> above it');
  return store;
}

/** A narrow selector on the editor store; return primitives or stable objects only. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}
