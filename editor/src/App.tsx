import { EditorExtensionsProvider, type EditorExtensions } from './editor-extensions';
import { SignIn } from './panels/SignIn';
import { EditorStoreProvider, useEditor } from './store/editor-context';
import type { EditorStore } from './store/editor-store';
import { Workspace } from './Workspace';

const NO_EXTENSIONS: EditorExtensions = {};

function Gate() {
  const signedIn = useEditor((s) => s.token !== undefined);
  return signedIn ? <Workspace /> : <SignIn />;
}

/** The whole editor for one store; `extensions` plug in deploy and live monitoring. */
export function App({ store, extensions }: { store: EditorStore; extensions?: EditorExtensions }) {
  return (
    <EditorStoreProvider store={store}>
      <EditorExtensionsProvider value={extensions ?? NO_EXTENSIONS}>
        <Gate />
      </EditorExtensionsProvider>
    </EditorStoreProvider>
  );
}
