import { useLive } from './live-context';
import { nodeErrorIndex } from './node-errors';
import { TimeStamp } from './TimeStamp';

/** The most errors the inspector lists; the event log has them all. */
const SHOWN = 5;

/** The inspector's list of the errors agents reported on a node, newest first. */
export function NodeErrorList({ nodeId }: { nodeId: string }) {
  const errors = useLive((s) => nodeErrorIndex(s.events, s.deployment?.id).get(nodeId));
  if (!errors) return null;
  const now = Date.now();
  return (
    <section className="live-errors" aria-label={`Errors on ${nodeId}`} data-testid="node-errors">
      <h3>Errors</h3>
      <ul>
        {errors.slice(0, SHOWN).map((e) => (
          <li key={e.id}>
            <TimeStamp at={e.at} now={now} /> {e.message}
          </li>
        ))}
      </ul>
      {errors.length > SHOWN && <p>{errors.length - SHOWN} more in the event log</p>}
    </section>
  );
}
