import type { NodeKind, NodeTypeSpec } from '@inflow/shared-core';
import { useStoreApi } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { PALETTE_MIME } from '../canvas/Canvas';
import { useEditorStore } from '../store/editor-context';
import { typeGroups } from './type-search';

const KIND_TITLES: Record<NodeKind, string> = {
  variable: 'Variables',
  operator: 'Operators',
  trigger: 'Triggers',
  source: 'Sources',
  sink: 'Sinks',
};

/** Adds a node in the middle of what the canvas shows, a little apart from the last one. */
function useAddAtCentre() {
  const store = useEditorStore();
  const flow = useStoreApi();
  return useCallback(
    (spec: NodeTypeSpec) => {
      const { width, height, transform } = flow.getState();
      const [tx, ty, zoom] = transform;
      const cascade = (store.getState().doc.nodes.length % 6) * 24;
      const at = {
        x: (width / 2 - tx) / zoom - 90 + cascade,
        y: (height / 2 - ty) / zoom - 40 + cascade,
      };
      store.getState().addNodeOfType(spec.kind, spec.type, at);
    },
    [store, flow],
  );
}

/** Every node type in the core's catalog, by kind; drag one onto the canvas or click it. */
export function Palette() {
  const [query, setQuery] = useState('');
  const addAtCentre = useAddAtCentre();
  const groups = useMemo(() => typeGroups(query), [query]);
  return (
    <aside id="palette" className="palette" aria-label="Palette" data-testid="palette">
      <input
        type="search"
        placeholder="Search types…"
        aria-label="Search node types"
        data-testid="palette-search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {groups.length === 0 && <p className="hint">No type matches “{query}”.</p>}
      {groups.map(({ kind, specs }) => (
        <section
          key={kind}
          aria-labelledby={`palette-${kind}`}
          className={`palette-group kind-${kind}`}
        >
          <h3 id={`palette-${kind}`}>{KIND_TITLES[kind]}</h3>
          <ul>
            {specs.map((spec) => (
              <li key={spec.type}>
                <button
                  type="button"
                  draggable
                  className="palette-item"
                  data-testid={`palette-${spec.kind}-${spec.type}`}
                  // Named by its text, which starts with the type's label (what voice control
                  // users say); the title says what pressing it does.
                  title={`${spec.description} Drag onto the canvas, or click to add.`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(PALETTE_MIME, `${spec.kind}/${spec.type}`);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => addAtCentre(spec)}
                >
                  <span className="palette-item-name">{spec.label}</span>{' '}
                  <span className="palette-item-description">{spec.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
