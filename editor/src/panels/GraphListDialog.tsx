import { useEffect, useRef, useState } from 'react';
import type { GraphSummary } from '../api/graphs-api';
import { useEditor, useEditorStore } from '../store/editor-context';
import { confirmDiscard } from './confirm-discard';
import { Dialog } from './Dialog';

/** The graphs stored on the control plane: create, open, rename, delete. */
export function GraphListDialog() {
  const open = useEditor((s) => s.graphsOpen);
  // Mounted only while open, so focus moves in on every opening and the typed name starts empty.
  return open ? <GraphList /> : null;
}

function GraphList() {
  const store = useEditorStore();
  const graphs = useEditor((s) => s.graphs);
  const loading = useEditor((s) => s.graphsLoading);
  const openId = useEditor((s) => s.remote?.id);
  const [name, setName] = useState('');

  useEffect(() => {
    void store.getState().refreshGraphs();
  }, [store]);

  const close = () => store.getState().setGraphsOpen(false);
  return (
    <Dialog onClose={close} labelledBy="graphs-title" className="graphs-dialog" testId="graph-list">
      <h2 id="graphs-title">Graphs</h2>
      <form
        className="graph-create"
        onSubmit={(e) => {
          e.preventDefault();
          if (!confirmDiscard(store)) return;
          void store
            .getState()
            .createGraph(name)
            .then((ok) => ok && setName(''));
        }}
      >
        <label htmlFor="new-graph-name">New graph</label>
        <input
          id="new-graph-name"
          type="text"
          placeholder="Name"
          value={name}
          data-testid="new-graph-name"
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="create-graph">
          Create
        </button>
      </form>
      {loading && graphs.length === 0 && <p>Loading…</p>}
      {!loading && graphs.length === 0 && <p className="hint">No graph is stored yet.</p>}
      <ul className="graph-items">
        {graphs.map((g) => (
          <GraphItem key={g.id} graph={g} isOpen={g.id === openId} />
        ))}
      </ul>
      <button type="button" data-testid="graph-list-close" onClick={close}>
        Close
      </button>
    </Dialog>
  );
}

function GraphItem({ graph, isOpen }: { graph: GraphSummary; isOpen: boolean }) {
  const store = useEditorStore();
  const [renaming, setRenaming] = useState<string | undefined>();
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);
  // The rename form goes away with the focused input in it: focus goes back to Rename, not to
  // the page behind the dialog.
  useEffect(() => {
    if (renaming === undefined && wasRenaming.current) renameButton.current?.focus();
    wasRenaming.current = renaming !== undefined;
  }, [renaming]);
  const s = () => store.getState();
  return (
    <li data-testid={`graph-item-${graph.id}`} className={isOpen ? 'is-open' : undefined}>
      {renaming === undefined ? (
        <>
          <span className="graph-item-name">
            {graph.name}
            {graph.running && (
              <span className="graph-item-running" data-testid={`graph-running-${graph.id}`}>
                {graph.running.rev === graph.rev ? 'Running' : `Running rev ${graph.running.rev}`}
              </span>
            )}
          </span>
          {/* The id tells graphs of the same name apart. */}
          <span className="graph-item-meta">
            <code>{graph.id}</code> · rev {graph.rev} · {new Date(graph.updatedAt).toLocaleString()}
            {isOpen && ' · open'}
          </span>
          <button
            type="button"
            data-testid={`graph-open-${graph.id}`}
            onClick={() => confirmDiscard(store) && void s().openGraph(graph.id)}
          >
            Open
          </button>
          <button
            ref={renameButton}
            type="button"
            data-testid={`graph-rename-${graph.id}`}
            onClick={() => setRenaming(graph.name)}
          >
            Rename
          </button>
          <button
            type="button"
            className="danger"
            data-testid={`graph-delete-${graph.id}`}
            // The control plane refuses it; better said before asking than after.
            disabled={graph.running !== undefined}
            title={graph.running ? 'A running graph cannot be deleted: stop it first' : undefined}
            onClick={() => {
              if (window.confirm(`Delete "${graph.name}" and all its revisions?`))
                void s().deleteGraph(graph.id);
            }}
          >
            Delete
          </button>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void s()
              .renameGraph(graph.id, renaming)
              .then((ok) => ok && setRenaming(undefined));
          }}
        >
          <label htmlFor={`rename-${graph.id}`} className="visually-hidden">
            New name for {graph.name}
          </label>
          <input
            id={`rename-${graph.id}`}
            type="text"
            value={renaming}
            autoFocus
            data-testid={`graph-rename-input-${graph.id}`}
            onChange={(e) => setRenaming(e.target.value)}
            onKeyDown={(e) => {
              // Escape here gives up the rename only; the next one closes the list.
              if (e.key !== 'Escape') return;
              e.stopPropagation();
              setRenaming(undefined);
            }}
          />
          <button type="submit" className="primary" data-testid={`graph-rename-save-${graph.id}`}>
            Save name
          </button>
          <button type="button" onClick={() => setRenaming(undefined)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}
