import { useEditor, useEditorStore } from '../store/editor-context';
import { selectInspectedNodeId } from '../store/selection-slice';
import { problemsOf } from '../store/validation';
import { plural } from '../text/count';
import { problemsAt } from './field-problems';
import { FieldRow } from './FieldRow';
import { NodeInspector } from './NodeInspector';

/** The right-hand panel: the selected node, else the selected edge, else the graph itself. */
export function Inspector() {
  const nodeId = useEditor(selectInspectedNodeId);
  const node = useEditor((s) =>
    nodeId === undefined ? undefined : s.doc.nodes.find((n) => n.id === nodeId),
  );
  const index = useEditor((s) => (node ? s.doc.nodes.indexOf(node) : -1));
  const edgeId = useEditor((s) =>
    s.selectedNodeIds.length === 0 && s.selectedEdgeIds.length === 1
      ? s.selectedEdgeIds[0]
      : undefined,
  );
  const selectedNodes = useEditor((s) => s.selectedNodeIds.length);
  const selectedEdges = useEditor((s) => s.selectedEdgeIds.length);
  const selectedCount = selectedNodes + selectedEdges;
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      {node ? (
        <NodeInspector key={node.id} node={node} index={index} />
      ) : edgeId !== undefined ? (
        <EdgeInspector edgeId={edgeId} />
      ) : selectedCount > 1 ? (
        <p data-testid="inspector-multi">
          {selectionText(selectedNodes, selectedEdges)}. Delete removes them all.
        </p>
      ) : (
        <GraphInspector />
      )}
    </aside>
  );
}

/**
 * "2 nodes and 4 edges selected": a box selection also takes the edges between its nodes, and
 * "6 elements" would leave the user counting 2 nodes.
 */
function selectionText(nodes: number, edges: number): string {
  const parts = [
    ...(nodes > 0 ? [plural(nodes, 'node')] : []),
    ...(edges > 0 ? [plural(edges, 'edge')] : []),
  ];
  return `${parts.join(' and ')} selected`;
}

function EdgeInspector({ edgeId }: { edgeId: string }) {
  const store = useEditorStore();
  const edge = useEditor((s) => s.doc.edges.find((e) => e.id === edgeId));
  const problems = useEditor((s) => problemsOf(s.doc));
  if (!edge) return null;
  const mine = problems.filter((p) => p.edgeId === edgeId);
  return (
    <section data-testid="inspector-edge" aria-label={`Inspector for edge ${edgeId}`}>
      <h2>Edge {edge.id}</h2>
      <p>
        <code>
          {edge.source}.{edge.sourceHandle}
        </code>{' '}
        →{' '}
        <code>
          {edge.target}.{edge.targetHandle}
        </code>
      </p>
      {mine.length > 0 && (
        <ul className="field-errors" role="alert">
          {mine.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="danger"
        data-testid="delete-edge"
        onClick={() => store.getState().deleteSelection()}
      >
        Delete edge
      </button>
    </section>
  );
}

function GraphInspector() {
  const store = useEditorStore();
  const name = useEditor((s) => s.doc.name);
  const description = useEditor((s) => s.doc.description);
  const problems = useEditor((s) => problemsOf(s.doc));
  const edit = store.getState().edit;
  return (
    <section data-testid="inspector-graph" aria-label="Graph properties">
      <h2>Graph</h2>
      <FieldRow
        htmlFor="graph-name"
        label="name"
        testId="graph-name"
        required
        problems={problemsAt(problems, ['name'])}
      >
        <input
          id="graph-name"
          type="text"
          value={name}
          data-testid="graph-name"
          onChange={(e) => edit((doc) => ({ ...doc, name: e.target.value }), 'graph-name')}
        />
      </FieldRow>
      <FieldRow htmlFor="graph-description" label="description" testId="graph-description">
        <textarea
          id="graph-description"
          rows={5}
          value={description ?? ''}
          data-testid="graph-description"
          onChange={(e) => {
            const text = e.target.value;
            edit(
              ({ description: _old, ...doc }) =>
                text === '' ? doc : { ...doc, description: text },
              'graph-description',
            );
          }}
        />
      </FieldRow>
      <p className="hint">Select a node to edit it; drag types from the palette to add nodes.</p>
    </section>
  );
}
