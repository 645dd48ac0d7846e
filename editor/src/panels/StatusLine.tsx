import { useEffect } from 'react';
import { useEditor, useEditorStore } from '../store/editor-context';

/** How long an information message stays; errors stay until replaced. */
const INFO_MS = 8000;

/** The last message (saved, imported, refused) and why a connection was refused. */
export function StatusLine() {
  const store = useEditorStore();
  const status = useEditor((s) => s.status);
  const connectionError = useEditor((s) => s.connectionError);
  useEffect(() => {
    if (status?.kind !== 'info') return;
    const timer = setTimeout(() => {
      if (store.getState().status === status) store.getState().clearStatus();
    }, INFO_MS);
    return () => clearTimeout(timer);
  }, [status, store]);
  return (
    <footer className="status-line">
      {connectionError !== undefined && (
        <p className="status status-error" role="alert" data-testid="connection-error">
          Cannot connect: {connectionError}
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => store.getState().setConnectionError(undefined)}
          >
            ×
          </button>
        </p>
      )}
      <p
        className={`status${status ? ` status-${status.kind}` : ''}`}
        role="status"
        data-testid="status"
        data-kind={status?.kind}
      >
        {status?.text ?? ''}
      </p>
    </footer>
  );
}
