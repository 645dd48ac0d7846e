import { useLive } from './live-context';
import { fullTime } from './event-time';
import { TimeStamp } from './TimeStamp';
import { clipClass, FITS } from '../canvas/text-clip';

/** A sink's last line on the canvas, as Node-RED shows a debug node's last message. */
export function SinkLastLine({ nodeId }: { nodeId: string }) {
  const last = useLive((s) => s.monitor.snapshot?.sinks[nodeId]?.[0]);
  if (!last) return null;
  return (
    <div
      className={clipClass('live-sink-line', last.text, FITS.detail)}
      data-testid={`sink-output-${nodeId}`}
      title={`${fullTime(last.at)} on ${last.agent}: ${last.text}`}
    >
      {last.text}
    </div>
  );
}

/** The inspector's list of what a sink last did on each agent, newest first. */
export function SinkLines({ nodeId }: { nodeId: string }) {
  const lines = useLive((s) => s.monitor.snapshot?.sinks[nodeId]);
  if (!lines?.length) return null;
  const now = Date.now();
  return (
    <section
      className="live-sink-lines"
      aria-label={`Output of ${nodeId}`}
      data-testid="sink-lines"
    >
      <h3>Latest output</h3>
      <ul>
        {lines.map((l, i) => (
          <li key={`${l.agent}-${l.at}-${i}`}>
            <TimeStamp at={l.at} now={now} /> <span className="live-sink-agent">{l.agent}</span>{' '}
            <code>{l.text}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
