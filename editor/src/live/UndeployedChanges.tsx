import { useEditor } from '../store/editor-context';
import { describeChange, undeployedChanges } from './graph-diff';
import { useLive } from './live-context';

/**
 * How the document differs from the deployed revision (nodes, edges, params; never positions),
 * computed by diffing the two documents rather than from the undo history. Absent when equal.
 */
export function UndeployedChanges() {
  const deployed = useLive((s) => s.deployedDoc);
  const doc = useEditor((s) => s.doc);
  if (!deployed) return null;
  const changes = undeployedChanges(deployed, doc);
  if (changes.length === 0) return null;
  const n = changes.length;
  const label = `${n} undeployed change${n === 1 ? '' : 's'}`;
  return (
    <details className="live-undeployed" data-testid="undeployed-changes" data-count={n}>
      <summary title={`${label}: Deploy runs them`}>
        <span className="toolbar-squeezable">{label}</span>
      </summary>
      <ul>
        {changes.map((c) => (
          <li key={`${c.element}:${c.id}:${c.change}`}>{describeChange(c)}</li>
        ))}
      </ul>
    </details>
  );
}
