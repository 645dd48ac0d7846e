import { useMemo } from 'react';
import { useEditor, useEditorStore } from '../store/editor-context';

/**
 * For a running source: its updates come from applications through an agent, so the way to try
 * the pipeline by hand is a poke on what it feeds, one click away.
 */
export function SourceFeeds({ nodeId }: { nodeId: string }) {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const fed = useMemo(
    () => [...new Set(doc.edges.filter((e) => e.source === nodeId).map((e) => e.target))],
    [doc, nodeId],
  );
  if (fed.length === 0) return null;
  const open = (id: string) => {
    const s = store.getState();
    s.select([id], []);
    s.focusNodes([id]);
  };
  return (
    <div className="live-source-feeds" data-testid="source-feeds">
      <h3>Updates</h3>
      <p className="field-help">
        Applications send these updates through an agent (<code>update</code> in the agent library).
        To try the pipeline by hand, poke what this source feeds:
      </p>
      <ul>
        {fed.map((id) => (
          <li key={id}>
            <button type="button" data-testid={`source-feeds-${id}`} onClick={() => open(id)}>
              {id}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
