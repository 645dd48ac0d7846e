// Where the status pages' sign-in sends the browser back to: only a path of the status pages
// themselves, so that a crafted link (`?next=//evil.example`) cannot make it an open redirect.

const ORIGIN = 'http://status.invalid';

// Browsers read `/\host` as `//host` (another host) and drop tabs and newlines from URLs.
const unsafeChar = (c: string): boolean => c === '\\' || c.charCodeAt(0) < 0x20;

/** `next` as a status page's path and query, or undefined when it is anything else. */
export function statusReturnPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return undefined;
  if ([...next].some(unsafeChar)) return undefined;
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== ORIGIN) return undefined;
  // After the URL's own resolution, so `/status/../elsewhere` is refused as `/elsewhere`.
  if (url.pathname !== '/status' && !url.pathname.startsWith('/status/')) return undefined;
  return url.pathname + url.search;
}
