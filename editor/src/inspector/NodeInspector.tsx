import { findNodeType, type GraphNode } from '@inflow/shared-core';
import { useCallback } from 'react';
import { useEditorExtensions } from '../editor-extensions';
import { setAtPath, setPlacementHint } from '../store/document-edits';
import { useEditor, useEditorStore } from '../store/editor-context';
import { problemsOf } from '../store/validation';
import { shortMessage } from './field-problems';
import { FieldRow } from './FieldRow';
import { NodeIdField } from './NodeIdField';
import { ParamControl } from './ParamControl';
import { paramFields } from './param-fields';
import { PlacementFields } from './PlacementFields';

/** The form for one node: id, label, its type's params, placement hints and its problems. */
export function NodeInspector({ node, index }: { node: GraphNode; index: number }) {
  const store = useEditorStore();
  const problems = useEditor((s) => problemsOf(s.doc));
  const { InspectorSection } = useEditorExtensions();
  const spec = findNodeType(node.kind, node.type);
  const id = node.id;

  const onParam = useCallback(
    (path: readonly string[], value: unknown) =>
      store
        .getState()
        .updateNode(
          id,
          (n) => ({ ...n, params: setAtPath(n.params, path, value) }),
          `param:${id}:${path.join('.')}`,
        ),
    [store, id],
  );
  const onPlacement = useCallback(
    (key: string, value: unknown) =>
      store
        .getState()
        .updateNode(id, (n) => setPlacementHint(n, key, value), `placement:${id}:${key}`),
    [store, id],
  );
  const mine = problems.filter((p) => p.nodeId === id || p.nodeIds?.includes(id));

  return (
    <section
      className="inspector-node"
      aria-label={`Inspector for ${id}`}
      data-testid="inspector-node"
    >
      <header>
        <h2>
          {node.kind} · {node.type}
        </h2>
        {spec && <p className="inspector-description">{spec.description}</p>}
      </header>
      <NodeIdField key={id} nodeId={id} />
      <FieldRow htmlFor="inspector-label" label="label" testId="inspector-label">
        <input
          id="inspector-label"
          type="text"
          value={node.label ?? ''}
          placeholder={id}
          data-testid="inspector-label"
          onChange={(e) => {
            const label = e.target.value;
            store
              .getState()
              .updateNode(
                id,
                ({ label: _old, ...rest }) => (label === '' ? rest : { ...rest, label }),
                `label:${id}`,
              );
          }}
        />
      </FieldRow>
      {spec ? (
        <div className="inspector-params" data-testid="inspector-params">
          {paramFields(spec).map((field) => (
            <ParamControl
              key={`${id}:${field.key}`}
              field={field}
              params={node.params}
              base={['nodes', index, 'params']}
              problems={problems}
              onChange={onParam}
              idPrefix={`param-${id}`}
            />
          ))}
        </div>
      ) : (
        <p role="alert">Unknown node type: no form for it.</p>
      )}
      <PlacementFields node={node} index={index} problems={problems} onChange={onPlacement} />
      {mine.length > 0 && (
        <section aria-label="Problems of this node" data-testid="inspector-problems">
          <h3>Problems</h3>
          <ul>
            {mine.map((p, i) => (
              <li key={i}>{shortMessage(p)}</li>
            ))}
          </ul>
        </section>
      )}
      {InspectorSection && <InspectorSection nodeId={id} />}
      <button
        type="button"
        className="danger"
        data-testid="delete-node"
        onClick={() => {
          store.getState().select([id]);
          store.getState().deleteSelection();
        }}
      >
        Delete node
      </button>
    </section>
  );
}
