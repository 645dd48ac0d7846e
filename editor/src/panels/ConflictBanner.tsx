import { useEditor, useEditorStore } from '../store/editor-context';
import type { SaveConflict } from '../store/remote-slice';

const HEADINGS: Record<SaveConflict['cause'], string> = {
  save: 'Not saved:',
  deploy: 'Not deployed:',
  newer: 'A newer revision runs:',
  gone: 'Deleted elsewhere:',
};

/**
 * Shown when a save or deploy was refused because the graph moved on, or is gone: the user picks,
 * nothing is lost.
 */
export function ConflictBanner() {
  const store = useEditorStore();
  const conflict = useEditor((s) => s.conflict);
  const remote = useEditor((s) => s.remote);
  if (!conflict) return null;
  const s = () => store.getState();
  const gone = conflict.cause === 'gone';
  const server =
    conflict.currentRev === undefined ? '' : `the server has rev ${conflict.currentRev}, `;
  return (
    <div className="conflict" role="alert" data-testid="save-conflict" data-cause={conflict.cause}>
      <p>
        <strong>{HEADINGS[conflict.cause]}</strong>{' '}
        {gone
          ? `graph ${remote?.id ?? '?'} is no longer on the control plane (deleted, maybe in another tab). Your copy is still here: save it as a new graph to keep it.`
          : `this graph was saved elsewhere (${server}your copy is based on rev ${remote?.rev ?? '?'}). Nothing was overwritten.`}
      </p>
      <p className="hint">{conflict.message}</p>
      <div className="dialog-buttons">
        {/* A deleted graph has no server copy to load. */}
        {!gone && (
          <button
            type="button"
            data-testid="conflict-reload"
            onClick={() => {
              if (window.confirm('Drop your changes and load the server copy?'))
                void s().reloadFromServer();
            }}
          >
            Load the server copy
          </button>
        )}
        <button
          type="button"
          data-testid="conflict-save-as-new"
          onClick={() => void s().saveAsNew()}
        >
          {gone ? 'Save as a new graph' : 'Save mine as a new graph'}
        </button>
        <button type="button" data-testid="conflict-dismiss" onClick={() => s().dismissConflict()}>
          Keep editing
        </button>
      </div>
    </div>
  );
}
