import { eventTime, fullTime } from './event-time';

/** When something happened, as the live panels show it: short, and whole with its zone on hover. */
export function TimeStamp({ at, now }: { at: number; now: number }) {
  return (
    <time dateTime={new Date(at).toISOString()} title={fullTime(at)}>
      {eventTime(at, now)}
    </time>
  );
}
