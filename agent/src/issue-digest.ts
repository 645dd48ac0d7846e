import { elementText, type RuntimeIssueReport } from '@inflow/shared-core';

/** Each issue goes out at once the first time, then at most once in this long, with its count. */
export const ISSUE_QUIET_MS = 60_000;
/** The most distinct issues one report carries (the protocol's limit); the log has every one. */
const MAX_REPORTED = 20;
/** The most distinct issues remembered, so that messages naming values cannot grow it forever. */
const MAX_REMEMBERED = 200;

interface Seen {
  where: string;
  message: string;
  /** Occurrences not reported yet. */
  count: number;
  /** The first element among them that it happened on, if any. */
  element: string | undefined;
  /** When it was last reported; undefined until it first is. */
  reportedAt: number | undefined;
}

/**
 * Gathers a share's runtime issues between metrics reports. An element that an expression cannot
 * judge fails again on every change, so without this a bad element would flood the hub's event
 * log; with it, a user sees each issue at once and then a count once a minute.
 */
export class IssueDigest {
  private readonly seen = new Map<string, Seen>();

  /** One occurrence; `element` is the input it happened on (shown only for the first of a report). */
  note(where: string, message: string, element?: unknown): void {
    const key = JSON.stringify([where, message]);
    const entry = this.seen.get(key);
    if (entry) {
      if (entry.count === 0 && element !== undefined) entry.element = elementText(element);
      entry.count += 1;
      return;
    }
    if (this.seen.size >= MAX_REMEMBERED && !this.forgetOneReported()) return;
    const text = element === undefined ? undefined : elementText(element);
    this.seen.set(key, { where, message, count: 1, element: text, reportedAt: undefined });
  }

  /** Forgets the oldest issue with nothing left to report; false when every one has some. */
  private forgetOneReported(): boolean {
    for (const [key, entry] of this.seen) {
      if (entry.count === 0) return this.seen.delete(key);
    }
    return false;
  }

  /** The issues due for a report at `now`, which are then counted afresh. */
  take(now: number): RuntimeIssueReport[] {
    const due: RuntimeIssueReport[] = [];
    for (const entry of this.seen.values()) {
      if (due.length === MAX_REPORTED) break;
      const quiet = entry.reportedAt !== undefined && now - entry.reportedAt < ISSUE_QUIET_MS;
      if (entry.count === 0 || quiet) continue;
      const { where, message, element, count } = entry;
      due.push({ where, message: message.slice(0, 500), ...(element ? { element } : {}), count });
      entry.count = 0;
      entry.element = undefined;
      entry.reportedAt = now;
    }
    return due;
  }
}
