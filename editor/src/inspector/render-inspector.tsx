import { render } from '@testing-library/react';
import { EditorStoreProvider } from '../store/editor-context';
import type { EditorStore } from '../store/editor-store';
import { testStore } from '../store/test-store';
import { Inspector } from './Inspector';

/** For component tests: the inspector over a test store that `setup` fills and selects in. */
export function renderInspector(setup: (store: EditorStore) => void) {
  const t = testStore();
  setup(t.store);
  render(
    <EditorStoreProvider store={t.store}>
      <Inspector />
    </EditorStoreProvider>,
  );
  const node = (id: string) => t.store.getState().doc.nodes.find((n) => n.id === id);
  return { ...t, node };
}

/** A `setup` for `renderInspector`: the ad counter, with `selected` selected. */
export const adCounterWith = (selected: string) => (store: EditorStore) => {
  store.getState().loadTemplate('ad-counter');
  store.getState().select([selected]);
};
