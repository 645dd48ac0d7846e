import { useEditorStore } from '../store/editor-context';
import type { DeployProblem } from './live-api';

const nodeOfProblem = (p: DeployProblem): string | undefined =>
  p.nodeId ?? ('nodeIds' in p ? p.nodeIds?.[0] : undefined);

const kindOf = (p: DeployProblem): string => ('constraint' in p ? p.constraint : p.code);

/** Why the server refused a deploy: each problem names its node, and clicking it selects it. */
export function DeployProblems({
  id,
  message,
  problems,
  onClose,
}: {
  id: string;
  message: string;
  problems: readonly DeployProblem[];
  onClose(): void;
}) {
  const editor = useEditorStore();
  return (
    <section
      id={id}
      className="live-deploy-problems"
      data-testid="deploy-problems"
      role="alert"
      aria-label="Why the deploy was refused"
    >
      <header>
        <strong>Not deployed:</strong> {message}
        <button
          type="button"
          data-testid="deploy-problems-close"
          aria-label="Close"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <ol>
        {problems.map((p, i) => {
          const nodeId = nodeOfProblem(p);
          return (
            <li key={i}>
              <button
                type="button"
                data-testid={`deploy-problem-${i}`}
                data-node={nodeId}
                disabled={nodeId === undefined}
                title={nodeId === undefined ? undefined : `Select ${nodeId}`}
                onClick={() => {
                  if (nodeId === undefined) return;
                  editor.getState().select([nodeId]);
                  editor.getState().focusNodes([nodeId]);
                }}
              >
                <span className="problem-code">{kindOf(p)}</span>{' '}
                {nodeId !== undefined && <code>{nodeId}</code>} {p.message}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
