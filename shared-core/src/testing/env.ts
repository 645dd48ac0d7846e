// Tests read a few knobs from the environment; shared-core itself takes no Node typings.
const env =
  (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};

export function envNumber(name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return n;
}
