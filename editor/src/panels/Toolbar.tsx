import { useRef } from 'react';
import { useEditorExtensions } from '../editor-extensions';
import { downloadText, fileNameFor, writeClipboard } from '../io/file-io';
import { MenuButton } from '../menu/MenuButton';
import { useEditor, useEditorStore } from '../store/editor-context';
import { exportDocument } from '../store/import-document';
import { selectDirty } from '../store/remote-slice';
import { TEMPLATES } from '../store/templates';
import { confirmDiscard } from './confirm-discard';

/** The header: the graph, saving, history, layout, templates, import/export, help, sign-out. */
export function Toolbar() {
  const store = useEditorStore();
  const name = useEditor((s) => s.doc.name);
  const remote = useEditor((s) => s.remote);
  const dirty = useEditor(selectDirty);
  const unsaved = dirty || remote === undefined;
  const saving = useEditor((s) => s.saving);
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const { toolbar } = useEditorExtensions();
  const fileInput = useRef<HTMLInputElement>(null);
  const s = () => store.getState();

  const exportFile = () => {
    const fileName = fileNameFor(s().doc.name);
    downloadText(exportDocument(s().doc), fileName);
    s().showStatus('info', `Exported the graph as ${fileName}`);
  };
  const exportClipboard = async () => {
    const ok = await writeClipboard(exportDocument(s().doc));
    s().showStatus(
      ok ? 'info' : 'error',
      ok
        ? 'Copied the graph JSON to the clipboard'
        : 'The browser refused the clipboard; use Import/Export → Export file',
    );
  };
  const importFile = async (file: File | undefined) => {
    if (file) s().importText(await file.text(), () => confirmDiscard(store));
  };

  return (
    // The page's banner, not an ARIA toolbar: that role promises arrow keys between its buttons.
    <header className="toolbar" aria-label="Editor toolbar">
      <div className="toolbar-group">
        <button type="button" data-testid="open-graphs" onClick={() => s().setGraphsOpen(true)}>
          Graphs…
        </button>
        <button
          type="button"
          data-testid="new-graph"
          onClick={() => confirmDiscard(store) && s().newGraph()}
        >
          New
        </button>
        <span
          className="graph-title"
          data-testid="graph-title"
          title={remote ? `graph ${remote.id}, rev ${remote.rev}` : 'not saved yet'}
        >
          <span className="graph-name toolbar-squeezable" title={name}>
            {name}
          </span>
          <span className="graph-rev" data-testid="graph-rev">
            {remote ? ` · rev ${remote.rev}` : ' · new'}
          </span>
          {dirty && (
            <span
              className="dirty-marker"
              data-testid="dirty-marker"
              aria-label="unsaved changes"
              title="unsaved changes"
            >
              {' '}
              ●
            </span>
          )}
        </span>
        <button
          type="button"
          // Emphasised only when there is something to save, as Deploy is when there is
          // something to deploy.
          className={unsaved ? 'primary' : undefined}
          data-testid="save"
          data-pending={unsaved}
          disabled={saving}
          onClick={() => void s().save()}
        >
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          data-testid="undo"
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
          disabled={!canUndo}
          onClick={() => s().undo()}
        >
          ↶
        </button>
        <button
          type="button"
          data-testid="redo"
          aria-label="Redo"
          title="Redo (Ctrl+Shift+Z)"
          disabled={!canRedo}
          onClick={() => s().redo()}
        >
          ↷
        </button>
        {/* Short for room: the canvas menu offers it too, under its full name. */}
        <button
          type="button"
          data-testid="auto-layout"
          aria-label="Auto-layout"
          title="Auto-layout: arrange the nodes left to right, as they flow"
          onClick={() => s().autoLayout()}
        >
          Layout
        </button>
      </div>
      <div className="toolbar-group" aria-label="Templates">
        {TEMPLATES.map((t) => (
          <button
            key={t.id}
            type="button"
            data-testid={`template-${t.id}`}
            title={`Open the ${t.label.toLowerCase()} template as a new graph`}
            onClick={() => confirmDiscard(store) && s().loadTemplate(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="toolbar-group">
        <MenuButton
          label="Import/Export"
          testId="import-export"
          title="The graph as its versioned JSON document, by file or clipboard"
          items={[
            { testId: 'export-file', label: 'Export file', onSelect: exportFile },
            {
              testId: 'export-clipboard',
              label: 'Copy JSON to the clipboard',
              onSelect: () => void exportClipboard(),
            },
            {
              testId: 'import-file',
              label: 'Import file…',
              onSelect: () => fileInput.current?.click(),
            },
            {
              testId: 'import-clipboard',
              label: 'Paste JSON…',
              onSelect: () => s().setPasteImportOpen(true),
            },
          ]}
        />
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-file-input"
          aria-label="Graph file to import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            void importFile(file);
          }}
        />
      </div>
      <div className="toolbar-group toolbar-extensions" data-testid="toolbar-extensions">
        {toolbar}
      </div>
      <div className="toolbar-group toolbar-end">
        <button
          type="button"
          data-testid="help"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={() => s().setHelpOpen(true)}
        >
          ?
        </button>
        {/* Rarely used, so an icon: its room lets the graph's name and the progress show whole. */}
        <button
          type="button"
          className="toolbar-icon"
          data-testid="sign-out"
          aria-label="Sign out"
          title="Sign out"
          onClick={() => confirmDiscard(store) && s().signOut()}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M6.5 2.5h-4v11h4M7 8h7.5M11.5 5l3 3-3 3" />
          </svg>
        </button>
      </div>
    </header>
  );
}
