import type { NodeTypeSpec } from '@inflow/shared-core';
import { useMemo, useState } from 'react';
import { useCombobox } from '../menu/use-combobox';
import { typeGroups } from '../panels/type-search';
import type { XY } from '../store/document-edits';
import { useEditorStore } from '../store/editor-context';

/**
 * The "Add node here…" step of the canvas menu: the palette's catalog with a filter box (a
 * combobox: typing keeps focus in the box, the arrows move through the types, Enter adds one).
 */
export function AddNodePicker({ at, onDone }: { at: XY; onDone: () => void }) {
  const store = useEditorStore();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => typeGroups(query), [query]);
  const flat = useMemo(() => groups.flatMap((g) => g.specs), [groups]);
  const combobox = useCombobox({
    items: flat,
    keyOf: (spec) => `${spec.kind}-${spec.type}`,
    onChoose: (spec: NodeTypeSpec) => {
      store.getState().addNodeOfType(spec.kind, spec.type, at);
      onDone();
    },
  });

  return (
    <div className="add-node-picker">
      <input
        type="search"
        {...combobox.inputProps}
        aria-label="Filter node types"
        placeholder="Filter types…"
        data-testid="context-menu-add-filter"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          combobox.restart();
        }}
      />
      <div {...combobox.listProps} aria-label="Node types" className="add-node-list">
        {flat.length === 0 && <p className="hint">No type matches “{query}”.</p>}
        {groups.map(({ kind, specs }) => (
          <div role="group" aria-label={kind} key={kind}>
            <div className="add-node-kind" aria-hidden="true">
              {kind}
            </div>
            {specs.map((spec) => (
              <div
                key={spec.type}
                {...combobox.optionProps(spec, flat.indexOf(spec))}
                className={`kind-option kind-${kind}`}
                data-testid={`context-menu-add-${kind}-${spec.type}`}
                title={spec.description}
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
