import { useState } from 'react';
import { readClipboard } from '../io/file-io';
import { useEditor, useEditorStore } from '../store/editor-context';

/** What a refused import said: every problem the core found, and nothing was changed. */
export function ImportProblemsDialog() {
  const store = useEditorStore();
  const problems = useEditor((s) => s.importProblems);
  if (!problems) return null;
  const close = () => store.getState().setImportProblems(undefined);
  return (
    <div className="dialog-backdrop" onClick={close}>
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="import-problems-title"
        className="dialog"
        data-testid="import-problems"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="import-problems-title">The graph was not imported</h2>
        <p>
          Nothing was changed. The file has {problems.length} problem
          {problems.length === 1 ? '' : 's'}:
        </p>
        <ol className="problem-list">
          {problems.map((p, i) => (
            <li key={i} data-testid={`import-problem-${i}`} data-code={p.code}>
              <span className="problem-code">{p.code}</span> {p.message}
            </li>
          ))}
        </ol>
        <button type="button" data-testid="import-problems-close" onClick={close} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}

/** Pasting a graph's JSON: the clipboard's text when the browser allows reading it, else by hand. */
export function PasteImportDialog({ onClose }: { onClose: () => void }) {
  const store = useEditorStore();
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | undefined>();
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="paste-title"
        className="dialog"
        data-testid="import-paste-dialog"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="paste-title">Import a graph from the clipboard</h2>
        <label htmlFor="import-text">Graph JSON</label>
        <textarea
          id="import-text"
          rows={12}
          value={text}
          spellCheck={false}
          data-testid="import-text"
          onChange={(e) => setText(e.target.value)}
          autoFocus
        />
        {note && <p className="hint">{note}</p>}
        <div className="dialog-buttons">
          <button
            type="button"
            data-testid="import-read-clipboard"
            onClick={() => {
              void readClipboard().then((clip) => {
                if (clip === undefined)
                  setNote(
                    'The browser does not allow reading the clipboard here; paste with Ctrl+V.',
                  );
                else setText(clip);
              });
            }}
          >
            Read clipboard
          </button>
          <button
            type="button"
            className="primary"
            data-testid="import-text-submit"
            onClick={() => {
              if (store.getState().importText(text)) onClose();
            }}
          >
            Import
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
