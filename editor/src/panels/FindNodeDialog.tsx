import { useMemo, useState } from 'react';
import { useCombobox } from '../menu/use-combobox';
import { useEditor, useEditorStore } from '../store/editor-context';
import { searchNodes, type NodeMatch } from '../store/node-search';
import { Dialog } from './Dialog';

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
  const { matches, total } = useMemo(() => searchNodes(doc, query), [doc, query]);
  const close = () => store.getState().setFindOpen(false);
  const combobox = useCombobox({
    items: matches,
    keyOf: (m) => m.nodeId,
    onChoose: (m: NodeMatch) => {
      const s = store.getState();
      s.select([m.nodeId]);
      s.focusNodes([m.nodeId]);
      close();
    },
    onEscape: close,
  });

  return (
    <Dialog
      onClose={close}
      label="Find a node"
      className="find-node"
      backdropClassName="find-backdrop"
      testId="find-node"
    >
      <input
        type="search"
        {...combobox.inputProps}
        aria-label="Find a node"
        placeholder="Find a node by id, type, label or parameter…"
        data-testid="find-node-input"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          combobox.restart();
        }}
      />
      <div {...combobox.listProps} aria-label="Nodes found" className="find-node-list">
        {matches.map((m, i) => (
          <div
            key={m.nodeId}
            {...combobox.optionProps(m, i)}
            className={`kind-option kind-${m.kind}`}
            data-testid={`find-node-option-${m.nodeId}`}
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
    </Dialog>
  );
}

function countText(nodes: number, total: number, shown: number, query: string): string {
  if (nodes === 0) return 'The graph has no nodes yet.';
  if (total === 0) return `No node matches “${query.trim()}”.`;
  const more = total > shown ? ` (showing the first ${shown}; type more to narrow it)` : '';
  return `${total} of ${nodes} node${nodes === 1 ? '' : 's'}${more}`;
}
