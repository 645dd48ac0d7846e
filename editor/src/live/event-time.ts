/**
 * An event's time, local: the time of day for today's, with the date before it for older ones
 * (the log keeps events across restarts, so a bare time would be ambiguous).
 */
export const eventTime = (at: number, now: number): string => {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  if (d.toDateString() === new Date(now).toDateString()) return clock;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${clock}`;
};

/** The whole time with its zone, for the tooltip: the status pages show UTC. */
export const fullTime = (at: number) =>
  new Date(at).toLocaleString(undefined, { timeZoneName: 'short' });
