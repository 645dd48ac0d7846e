import { z } from 'zod';

/**
 * By agent, the replicated variables it held under the plans of a deployment before the one in
 * force: it may still owe the hub deltas of them.
 */
export type FormerHosts = ReadonlyMap<string, ReadonlySet<string>>;

const storedSchema = z.record(z.string(), z.array(z.string()));

/** Former hosts as the store keeps them (absent before the first re-placement). */
export function storedFormerHosts(json: string | undefined, deployment: string): FormerHosts {
  if (json === undefined) return new Map();
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`the stored former hosts of ${deployment} are not JSON: ${String(err)}`);
  }
  const parsed = storedSchema.safeParse(raw);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    const where = problem?.path.length ? `${problem.path.join('.')}: ` : '';
    throw new Error(
      `the stored former hosts of ${deployment} are unreadable: ${where}${problem?.message}`,
    );
  }
  return new Map(Object.entries(parsed.data).map(([agent, held]) => [agent, new Set(held)]));
}

/** The text the store keeps, in a stable order. */
export function formerHostsJson(hosts: FormerHosts): string {
  const agents = [...hosts.keys()].sort();
  return JSON.stringify(
    Object.fromEntries(agents.map((agent) => [agent, [...(hosts.get(agent) ?? [])].sort()])),
  );
}
