import { NODE_CATALOG, type NodeTypeSpec } from '@inflow/shared-core';
import { useMemo, useState } from 'react';
import { useCombobox } from '../menu/use-combobox';
import { typeGroups } from '../panels/type-search';
import type { XY } from '../store/document-edits';
import { useEditorStore } from '../store/editor-context';
import { addNodeOnWire, type LooseWire } from '../store/wire-drop';

const keyOf = (spec: NodeTypeSpec) => `${spec.kind}-${spec.type}`;

/**
 * The "Add node here…" step of the canvas menu: the palette's catalog with a filter box (a
 * combobox: typing keeps focus in the box, the arrows move through the types, Enter adds one).
 */
export function AddNodePicker({
  at,
  wire,
  onDone,
}: {
  at: XY;
  /** A wire dropped at `at`: only the types that can take it are offered, and the node takes it. */
  wire?: LooseWire;
  onDone: () => void;
}) {
  const store = useEditorStore();
  const [query, setQuery] = useState('');
  // Worked out once, on the document as it was when the wire was dropped: each type costs a
  // validation of the whole graph, which must not run again on every key typed in the filter.
  const [takers] = useState(() => {
    if (!wire) return undefined;
    const doc = store.getState().doc;
    return new Set(NODE_CATALOG.filter((spec) => addNodeOnWire(doc, spec, wire, at)).map(keyOf));
  });
  const groups = useMemo(() => {
    const all = typeGroups(query);
    if (!takers) return all;
    return all
      .map((g) => ({ ...g, specs: g.specs.filter((spec) => takers.has(keyOf(spec))) }))
      .filter((g) => g.specs.length > 0);
  }, [query, takers]);
  const flat = useMemo(() => groups.flatMap((g) => g.specs), [groups]);
  const combobox = useCombobox({
    items: flat,
    keyOf,
    onChoose: (spec: NodeTypeSpec) => {
      if (wire) store.getState().addNodeOnWire(spec.kind, spec.type, at, wire);
      else store.getState().addNodeOfType(spec.kind, spec.type, at);
      onDone();
    },
  });

  return (
    <div className="add-node-picker">
      <input
        type="search"
        {...combobox.inputProps}
        aria-label={wire ? 'Filter the types that can take the wire' : 'Filter node types'}
        placeholder={wire ? 'Add a node on this wire…' : 'Filter types…'}
        data-testid="context-menu-add-filter"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          combobox.restart();
        }}
      />
      <div {...combobox.listProps} aria-label="Node types" className="add-node-list">
        {flat.length === 0 && (
          <p className="hint">
            {query === '' ? 'No type can take this wire.' : `No type matches “${query}”.`}
          </p>
        )}
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
