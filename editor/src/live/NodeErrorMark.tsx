import { useLive } from './live-context';
import { nodeErrorIndex } from './node-errors';
import { eventTime } from './event-time';

/**
 * A node's error status, as Node-RED shows one under a node: how many errors the event log holds
 * for it in the running deployment, the newest on hover. Clearing the event log clears it.
 */
export function NodeErrorMark({ nodeId }: { nodeId: string }) {
  const errors = useLive((s) => nodeErrorIndex(s.events, s.deployment?.id).get(nodeId));
  const latest = errors?.[0];
  if (!errors || !latest) return null;
  const count = errors.length;
  const text = count === 1 ? '1 error' : `${count} errors`;
  return (
    <div
      className="live-error"
      data-testid={`node-error-${nodeId}`}
      data-count={count}
      aria-label={`${text}; the latest: ${latest.message}`}
      title={`${eventTime(latest.at, Date.now())} ${latest.message}`}
    >
      ⚠ {text}
    </div>
  );
}
