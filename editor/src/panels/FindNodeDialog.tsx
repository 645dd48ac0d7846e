import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { comboboxKeyTarget } from '../menu/menu-keys';
import { useEditor, useEditorStore } from '../store/editor-context';
import { searchNodes, type NodeMatch } from '../store/node-search';

/**
 * Ctrl+F: find a node by what it is or says, as Node-RED's search does. Choosing one selects it,
 * centres the canvas on it and opens it in the inspector.
 */
export function FindNodeDialog() {
  const open = useEditor((s) => s.findOpen);
  // Mounted only while open, so every opening starts with an empty query.
  return open ? <FindNode /> : null;
}

function FindNode() {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  // Focus goes back where it was when the dialog opened (a canvas control, a node), as it does
  // from the menus.
  const opener = useRef(document.activeElement);
  useEffect(() => {
    const back = opener.current;
    return () => {
      if (back instanceof HTMLElement) back.focus();
    };
  }, []);
  const { matches, total } = useMemo(() => searchNodes(doc, query), [doc, query]);
  const current = Math.min(active, matches.length - 1);
  const activeMatch = matches[current];
  const optionId = (m: NodeMatch) => `${listId}-${m.nodeId}`;

  const close = () => store.getState().setFindOpen(false);
  const choose = (m: NodeMatch) => {
    const s = store.getState();
    s.select([m.nodeId]);
    s.focusNodes([m.nodeId]);
    close();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const next = comboboxKeyTarget(e.key, current, matches.length);
    const target = next === undefined ? undefined : matches[next];
    if (next !== undefined && target) {
      e.preventDefault();
      setActive(next);
      document.getElementById(optionId(target))?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (activeMatch) choose(activeMatch);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };

  return (
    <div className="dialog-backdrop find-backdrop" onClick={close}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Find a node"
        className="dialog find-node"
        data-testid="find-node"
        onClick={(e) => e.stopPropagation()}
      >
        <input
          type="search"
          role="combobox"
          aria-label="Find a node"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={activeMatch ? optionId(activeMatch) : undefined}
          aria-autocomplete="list"
          placeholder="Find a node by id, type, label or parameter…"
          data-testid="find-node-input"
          value={query}
          autoFocus
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <div role="listbox" id={listId} aria-label="Nodes found" className="find-node-list">
          {matches.map((m) => (
            <div
              key={m.nodeId}
              id={optionId(m)}
              role="option"
              aria-selected={m === activeMatch}
              className={`kind-option kind-${m.kind}`}
              data-testid={`find-node-option-${m.nodeId}`}
              onMouseMove={() => setActive(matches.indexOf(m))}
              onClick={() => choose(m)}
            >
              <span className="find-node-id">{m.nodeId}</span>
              <span className="find-node-label">{m.label}</span>
              <span className="find-node-type">
                {m.kind} · {m.type}
              </span>
              {m.excerpt !== undefined && <span className="find-node-excerpt">{m.excerpt}</span>}
            </div>
          ))}
        </div>
        <p className="hint" data-testid="find-node-count" aria-live="polite">
          {countText(doc.nodes.length, total, matches.length, query)}
        </p>
      </div>
    </div>
  );
}

function countText(nodes: number, total: number, shown: number, query: string): string {
  if (nodes === 0) return 'The graph has no nodes yet.';
  if (total === 0) return `No node matches “${query.trim()}”.`;
  const more = total > shown ? ` (showing the first ${shown}; type more to narrow it)` : '';
  return `${total} of ${nodes} node${nodes === 1 ? '' : 's'}${more}`;
}
