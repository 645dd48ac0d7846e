import { useState } from 'react';
import { DeploymentLink } from './DeploymentLink';
import { countByGroup, EVENT_GROUPS, groupOf, type EventGroupId } from './event-groups';
import { TimeStamp } from './TimeStamp';
import { useLive, useLiveStore } from './live-context';

/**
 * What the hub reported, newest first: deploys, agents coming and going, re-placements, effects,
 * errors, from the control plane's recent history on. As in Node-RED's debug sidebar, the kinds
 * can be hidden and the log cleared.
 */
export function EventLog() {
  const live = useLiveStore();
  const events = useLive((s) => s.events);
  const shown = useLive((s) => s.deployment?.id);
  const [hidden, setHidden] = useState<ReadonlySet<EventGroupId>>(new Set());
  const counts = countByGroup(events);
  // Keyed by id: a history merged in below, or newer events above, leave each row in place.
  const visible = events
    .map((e) => ({ e, key: e.id }))
    .filter(({ e }) => !hidden.has(groupOf(e.kind)));
  const toggle = (id: EventGroupId) => {
    const next = new Set(hidden);
    if (!next.delete(id)) next.add(id);
    setHidden(next);
  };

  return (
    <section className="live-panel" aria-label="Event log" data-testid="event-log">
      <h3>Events</h3>
      {events.length === 0 ? (
        <p className="hint">
          Nothing has happened since the control plane started, or since the log was cleared.
        </p>
      ) : (
        <div className="live-event-filters" role="group" aria-label="Show events of kind">
          {/* A kind that has no events and is not hidden has nothing to filter. */}
          {EVENT_GROUPS.filter((g) => counts[g.id] > 0 || hidden.has(g.id)).map((g) => (
            <button
              key={g.id}
              type="button"
              className="live-event-filter"
              aria-pressed={!hidden.has(g.id)}
              data-testid={`event-filter-${g.id}`}
              onClick={() => toggle(g.id)}
            >
              {g.label} {counts[g.id]}
            </button>
          ))}
          <button
            type="button"
            className="live-event-clear"
            data-testid="event-log-clear"
            title="Empty the log (new events still arrive)"
            onClick={() => live.getState().clearEvents()}
          >
            Clear
          </button>
        </div>
      )}
      {events.length > 0 && visible.length === 0 && (
        <p className="hint" data-testid="event-log-all-hidden">
          Every event here is of a hidden kind.
        </p>
      )}
      <ol className="live-events" aria-live="polite">
        {visible.map(({ e, key }, i) => (
          <li
            key={key}
            data-testid={`event-${i}`}
            data-kind={e.kind}
            className={`event-${e.kind}${e.deployment !== undefined && e.deployment !== shown ? ' is-other' : ''}`}
          >
            <TimeStamp at={e.at} now={Date.now()} />{' '}
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
