import type { NodeTypeSpec } from '@inflow/shared-core';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { XY } from '../store/document-edits';
import { comboboxKeyTarget } from '../menu/menu-keys';
import { typeGroups } from '../panels/type-search';
import { useEditorStore } from '../store/editor-context';

/**
 * The "Add node here…" step of the canvas menu: the palette's catalog with a filter box (a
 * combobox: typing keeps focus in the box, the arrows move through the types, Enter adds one).
 */
export function AddNodePicker({ at, onDone }: { at: XY; onDone: () => void }) {
  const store = useEditorStore();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const groups = useMemo(() => typeGroups(query), [query]);
  const flat = useMemo(() => groups.flatMap((g) => g.specs), [groups]);
  const current = Math.min(active, flat.length - 1);
  const optionId = (spec: NodeTypeSpec) => `${listId}-${spec.kind}-${spec.type}`;

  const add = (spec: NodeTypeSpec) => {
    store.getState().addNodeOfType(spec.kind, spec.type, at);
    onDone();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const next = comboboxKeyTarget(e.key, current, flat.length);
    if (next !== undefined) {
      e.preventDefault();
      setActive(next);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const spec = flat[current];
      if (spec) add(spec);
    }
  };

  const activeSpec = flat[current];
  return (
    <div className="add-node-picker">
      <input
        type="search"
        role="combobox"
        aria-label="Filter node types"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={activeSpec ? optionId(activeSpec) : undefined}
        aria-autocomplete="list"
        placeholder="Filter types…"
        data-testid="context-menu-add-filter"
        value={query}
        autoFocus
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div role="listbox" id={listId} aria-label="Node types" className="add-node-list">
        {flat.length === 0 && <p className="hint">No type matches “{query}”.</p>}
        {groups.map(({ kind, specs }) => (
          <div role="group" aria-label={kind} key={kind}>
            <div className="add-node-kind" aria-hidden="true">
              {kind}
            </div>
            {specs.map((spec) => (
              <div
                key={spec.type}
                id={optionId(spec)}
                role="option"
                aria-selected={spec === activeSpec}
                className={`kind-option kind-${kind}`}
                data-testid={`context-menu-add-${kind}-${spec.type}`}
                title={spec.description}
                onMouseMove={() => setActive(flat.indexOf(spec))}
                onClick={() => add(spec)}
              >
                {spec.label}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
