import { act, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { EditorStoreProvider } from '../store/editor-context';
import { fakeLink, liveTestRig, settle, snapshotFor } from './fake-control-plane';
import { LiveStoreProvider } from './live-context';

/**
 * For component tests: the ad counter saved as g_1 rev 1 on a fake control plane, `ui` rendered
 * in both stores, and the graph shown once `running` has added its deployments (if any). Returns
 * the rig and what `running` returned.
 */
export async function openAdCounter<T>(
  ui: ReactNode,
  running: (r: ReturnType<typeof liveTestRig>) => T,
) {
  const r = liveTestRig();
  r.editor.getState().loadTemplate('ad-counter');
  await r.editor.getState().save();
  r.live.getState().attachLink(fakeLink((id) => snapshotFor(id, ['server-1'])).link);
  const made = running(r);
  render(
    <EditorStoreProvider store={r.editor}>
      <LiveStoreProvider store={r.live}>{ui}</LiveStoreProvider>
    </EditorStoreProvider>,
  );
  await act(async () => {
    await r.live.getState().showGraph('g_1');
    await settle();
  });
  return { ...r, made };
}
