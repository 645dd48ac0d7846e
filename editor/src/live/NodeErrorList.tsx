import { useMemo } from 'react';
import { useLive } from './live-context';
import { eventTime, fullTime } from './event-time';

/** The most errors the inspector lists; the event log has them all. */
const SHOWN = 5;

/** The inspector's list of the errors agents reported on a node, newest first. */
export function NodeErrorList({ nodeId }: { nodeId: string }) {
  const events = useLive((s) => s.events);
  const deployment = useLive((s) => s.deployment?.id);
  const errors = useMemo(
    () =>
      events.filter((e) => e.kind === 'error' && e.deployment === deployment && e.node === nodeId),
    [events, deployment, nodeId],
  );
  if (errors.length === 0) return null;
  const now = Date.now();
  return (
    <section className="live-errors" aria-label={`Errors on ${nodeId}`} data-testid="node-errors">
      <h3>Errors</h3>
      <ul>
        {errors.slice(0, SHOWN).map((e) => (
          <li key={e.id}>
            <time dateTime={new Date(e.at).toISOString()} title={fullTime(e.at)}>
              {eventTime(e.at, now)}
            </time>{' '}
            {e.message}
          </li>
        ))}
      </ul>
      {errors.length > SHOWN && <p>{errors.length - SHOWN} more in the event log</p>}
    </section>
  );
}
