import { useEditor, useEditorStore } from '../store/editor-context';
import type { SaveConflict } from '../store/remote-slice';

const HEADINGS: Record<SaveConflict['cause'], string> = {
  save: 'Not saved:',
  deploy: 'Not deployed:',
  newer: 'A newer revision runs:',
};

/** Shown when a save was refused because the graph moved on: the user picks, nothing is lost. */
export function ConflictBanner() {
  const store = useEditorStore();
  const conflict = useEditor((s) => s.conflict);
  const rev = useEditor((s) => s.remote?.rev);
  if (!conflict) return null;
  const s = () => store.getState();
  const server =
    conflict.currentRev === undefined ? '' : `the server has rev ${conflict.currentRev}, `;
  return (
    <div className="conflict" role="alert" data-testid="save-conflict" data-cause={conflict.cause}>
      <p>
        <strong>{HEADINGS[conflict.cause]}</strong> this graph was saved elsewhere ({server}your
        copy is based on rev {rev ?? '?'}). Nothing was overwritten.
      </p>
      <p className="hint">{conflict.message}</p>
      <div className="dialog-buttons">
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
        <button
          type="button"
          data-testid="conflict-save-as-new"
          onClick={() => void s().saveAsNew()}
        >
          Save mine as a new graph
        </button>
        <button type="button" data-testid="conflict-dismiss" onClick={() => s().dismissConflict()}>
          Keep editing
        </button>
      </div>
    </div>
  );
}
