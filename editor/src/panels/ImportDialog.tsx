import type { GraphProblem } from '@inflow/shared-core';
import { useState } from 'react';
import { readClipboard } from '../io/file-io';
import { useEditor, useEditorStore } from '../store/editor-context';
import { plural } from '../text/count';
import { confirmDiscard } from './confirm-discard';
import { Dialog } from './Dialog';

function ImportProblemList({ problems }: { problems: readonly GraphProblem[] }) {
  return (
    <>
      <p>Nothing was changed. It has {plural(problems.length, 'problem')}:</p>
      <ol className="problem-list">
        {problems.map((p, i) => (
          <li key={i} data-testid={`import-problem-${i}`} data-code={p.code}>
            <span className="problem-code">{p.code}</span> {p.message}
          </li>
        ))}
      </ol>
    </>
  );
}

/** What a refused import said: every problem the core found, and nothing was changed. */
export function ImportProblemsDialog() {
  const store = useEditorStore();
  const problems = useEditor((s) => s.importProblems);
  // A refused paste shows its problems in its own dialog, beside the text to fix.
  const pasting = useEditor((s) => s.pasteImportOpen);
  if (!problems || pasting) return null;
  const close = () => store.getState().setImportProblems(undefined);
  return (
    <Dialog
      role="alertdialog"
      onClose={close}
      labelledBy="import-problems-title"
      testId="import-problems"
    >
      <h2 id="import-problems-title">The graph was not imported</h2>
      <ImportProblemList problems={problems} />
      <button type="button" data-testid="import-problems-close" onClick={close} autoFocus>
        Close
      </button>
    </Dialog>
  );
}

/** Pasting a graph's JSON: the clipboard's text when the browser allows reading it, else by hand. */
export function PasteImportDialog() {
  const open = useEditor((s) => s.pasteImportOpen);
  // Mounted only while open, so every opening starts with no text, however it was closed.
  return open ? <PasteImport /> : null;
}

function PasteImport() {
  const store = useEditorStore();
  const problems = useEditor((s) => s.importProblems);
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | undefined>();
  const onClose = () => store.getState().setPasteImportOpen(false);
  return (
    <Dialog onClose={onClose} labelledBy="paste-title" testId="import-paste-dialog">
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
      {problems && (
        <div role="alert" className="import-paste-problems" data-testid="import-problems">
          <ImportProblemList problems={problems} />
        </div>
      )}
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
            if (store.getState().importText(text, () => confirmDiscard(store))) onClose();
          }}
        >
          Import
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
