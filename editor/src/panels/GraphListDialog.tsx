import { useEffect, useMemo, useRef, useState } from 'react';
import type { GraphSummary } from '../api/graphs-api';
import { useEditor, useEditorStore } from '../store/editor-context';
import { confirmDiscard } from './confirm-discard';
import { Dialog } from './Dialog';
import { matchingGraphs, newestFirst } from './graph-list-order';

/**
 * The graphs stored on the control plane, most recently changed first, with a search by name or
 * id: create, open, rename, delete.
 */
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
  const [query, setQuery] = useState('');
  const sorted = useMemo(() => newestFirst(graphs), [graphs]);
  const shown = useMemo(() => matchingGraphs(sorted, query), [sorted, query]);
  const searching = query.trim() !== '';

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
      {graphs.length > 0 && (
        <div className="graph-search">
          <input
            type="search"
            placeholder="Search by name or id…"
            aria-label="Search graphs by name or id"
            aria-describedby="graph-count"
            data-testid="graph-search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                // The first shown is the best guess, as Enter in Find node takes the first.
                e.preventDefault();
                const first = shown[0];
                if (searching && first && confirmDiscard(store))
                  void store.getState().openGraph(first.id);
              } else if (e.key === 'Escape' && query !== '') {
                // Escape here clears the search only; the next one closes the list.
                e.stopPropagation();
                setQuery('');
              }
            }}
          />
          <p id="graph-count" className="hint" role="status" data-testid="graph-count">
            {searching
              ? shown.length === 0
                ? `No graph matches “${query.trim()}”`
                : `${shown.length} of ${graphs.length} match; Enter opens the first`
              : 'Most recently changed first'}
          </p>
        </div>
      )}
      {loading && graphs.length === 0 && <p>Loading…</p>}
      {!loading && graphs.length === 0 && <p className="hint">No graph is stored yet.</p>}
      <ul className="graph-items" aria-label="Stored graphs" data-testid="graph-items">
        {shown.map((g) => (
          <GraphItem key={g.id} graph={g} isOpen={g.id === openId} />
        ))}
      </ul>
      <button type="button" data-testid="graph-list-close" onClick={close}>
        Close
      </button>
    </Dialog>
  );
}

const ZONED: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'long' };

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
  const changed = new Date(graph.updatedAt);
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
          {/* When it last changed, its rev and its id tell graphs of the same name apart. */}
          <span className="graph-item-meta" data-testid={`graph-meta-${graph.id}`}>
            changed{' '}
            <time dateTime={graph.updatedAt} title={changed.toLocaleString(undefined, ZONED)}>
              {changed.toLocaleString()}
            </time>{' '}
            · rev {graph.rev} · <code>{graph.id}</code>
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
