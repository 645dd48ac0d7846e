import { DeploymentLink } from './DeploymentLink';
import { useLive } from './live-context';

const time = (at: number) => {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
};

/** What the hub reported, newest first: deploys, agents coming and going, re-placements, effects, errors. */
export function EventLog() {
  const events = useLive((s) => s.events);
  const shown = useLive((s) => s.deployment?.id);
  return (
    <section className="live-panel" aria-label="Event log" data-testid="event-log">
      <h3>Events</h3>
      {events.length === 0 && <p className="hint">Nothing has happened since the editor opened.</p>}
      <ol className="live-events" aria-live="polite">
        {events.map((e, i) => (
          <li
            key={`${e.at}:${events.length - i}`}
            data-testid={`event-${i}`}
            data-kind={e.kind}
            className={`event-${e.kind}${e.deployment !== undefined && e.deployment !== shown ? ' is-other' : ''}`}
          >
            <time dateTime={new Date(e.at).toISOString()}>{time(e.at)}</time>{' '}
            <span className="live-event-kind">{e.kind}</span> {e.message}
            {e.deployment !== undefined && (
              <span className="hint">
                {' · '}
                <DeploymentLink
                  id={e.deployment}
                  title={`Status page of deployment ${e.deployment}`}
                />
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
