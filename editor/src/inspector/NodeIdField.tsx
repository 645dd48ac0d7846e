import { useState } from 'react';
import { useEditorStore } from '../store/editor-context';
import { FieldRow } from './FieldRow';

/**
 * The node's id, which is also its variable name on the agents. Renamed on Enter or blur, not
 * on every key, so that no half-typed id ever reaches the document.
 */
export function NodeIdField({ nodeId }: { nodeId: string }) {
  const store = useEditorStore();
  const [draft, setDraft] = useState(nodeId);
  const [shown, setShown] = useState(nodeId);
  const [error, setError] = useState<string | undefined>();
  if (shown !== nodeId) {
    setShown(nodeId);
    setDraft(nodeId);
    setError(undefined);
  }
  const commit = () => {
    const failure = store.getState().renameNodeId(nodeId, draft.trim());
    setError(failure);
  };
  return (
    <FieldRow
      htmlFor="inspector-id"
      label="id"
      testId="inspector-id"
      description="Unique; the variable's name on the agents and in the API. Enter to rename."
      inputError={error}
    >
      <input
        id="inspector-id"
        type="text"
        value={draft}
        data-testid="inspector-id"
        aria-invalid={error !== undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(nodeId);
            setError(undefined);
          }
        }}
      />
    </FieldRow>
  );
}
