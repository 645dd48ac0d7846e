/**
 * Whether a browser request from `origin` may use this server: requests without an Origin (curl,
 * agents) and same-origin pages always may; other sites only when allow-listed.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowList: readonly string[],
): boolean {
  if (origin === undefined || allowList.includes(origin)) return true;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}
