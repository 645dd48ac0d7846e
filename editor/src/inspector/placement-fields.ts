import { agentNameSchema, graphNodeSchema } from '@inflow/shared-core';
import type { DraftParse } from './DraftInput';

/** One placement hint's control, derived from the core's placement schema. */
export type PlacementField =
  | { key: string; kind: 'labels'; description?: string }
  | { key: string; kind: 'flag'; description?: string }
  | { key: string; kind: 'text'; description?: string }
  | { key: string; kind: 'choice'; options: readonly (string | number)[]; description?: string };

type Schema = Readonly<Record<string, unknown>>;
const isRecord = (x: unknown): x is Schema =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function fieldOf(key: string, schema: Schema): PlacementField | undefined {
  const base =
    typeof schema.description === 'string' ? { key, description: schema.description } : { key };
  if (schema.type === 'boolean') return { ...base, kind: 'flag' };
  if (schema.type === 'string') return { ...base, kind: 'text' };
  if (schema.type === 'object' && isRecord(schema.additionalProperties))
    return { ...base, kind: 'labels' };
  const options = Array.isArray(schema.anyOf)
    ? schema.anyOf.filter(isRecord).map((o) => o.const)
    : [];
  if (options.length > 0 && options.every((o) => typeof o === 'string' || typeof o === 'number')) {
    return { ...base, kind: 'choice', options };
  }
  return undefined;
}

let cached: readonly PlacementField[] | undefined;

/**
 * Every placement hint the core knows (selector, each, trustedOnly, pin, replicas, prefer, ...),
 * read from its schema so a hint added there shows up here.
 */
export function placementFields(): readonly PlacementField[] {
  if (cached) return cached;
  const schema: unknown = graphNodeSchema.shape.placement.unwrap().toJSONSchema({ io: 'input' });
  const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  cached = Object.entries(properties).flatMap(([key, sub]) => {
    const field = isRecord(sub) ? fieldOf(key, sub) : undefined;
    return field ? [field] : [];
  });
  return cached;
}

/** `{role: "client", zone: "eu"}` as `role=client, zone=eu`, as the selector field shows it. */
export const formatLabels = (labels: Readonly<Record<string, unknown>> | undefined): string =>
  Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');

/**
 * The hints a node has, in a few words for the closed placement group ("selector role=client ·
 * each"); '' when it has none.
 */
export function describePlacement(
  placement: Readonly<Record<string, unknown>> | undefined,
): string {
  const parts: string[] = [];
  for (const field of placementFields()) {
    const value = placement?.[field.key];
    if (value === undefined || value === false || value === '') continue;
    if (field.kind === 'flag') parts.push(field.key);
    else if (field.kind === 'labels' && isRecord(value))
      parts.push(`${field.key} ${formatLabels(value)}`);
    else parts.push(`${field.key} ${String(value)}`);
  }
  return parts.join(' · ');
}

/**
 * A hint's help text. A label field's schema description gives a graph file's JSON
 * (`{"role": "client"}`), which the field does not take: its own syntax is shown instead.
 */
export function placementHelp(field: PlacementField): string | undefined {
  if (field.kind !== 'labels') return field.description;
  const what = (field.description ?? '').replace(/,?\s*e\.g\.\s*\{[^}]*\}/, '').trim();
  return `${what} As label=value, comma separated, e.g. role=client, zone=eu.`.trim();
}

/** `role=client, zone=eu` ⇄ `{role: "client", zone: "eu"}`: the inverse of `formatLabels`. */
export const parseLabels: DraftParse<Readonly<Record<string, string>> | undefined> = (text) => {
  const entries = new Map<string, string>();
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? '' : part.slice(0, eq).trim();
    if (key === '') return { ok: false, error: `"${part.trim()}" is not label=value` };
    const value = part.slice(eq + 1).trim();
    // A label has one value: the last one winning would drop the other unseen.
    const before = entries.get(key);
    if (before !== undefined)
      return {
        ok: false,
        error: `"${key}" is given twice (${before} and ${value}); an agent has one value per label`,
      };
    entries.set(key, value);
  }
  return { ok: true, value: entries.size === 0 ? undefined : Object.fromEntries(entries) };
};

/** An agent's name, for pin: empty unsets it; blanks around it go; anything else is refused. */
export const parseAgentName: DraftParse<string | undefined> = (text) => {
  if (text === '') return { ok: true, value: undefined };
  if (text.trim() === '') return { ok: false, error: 'only blanks: write a name, or empty it' };
  const name = agentNameSchema.safeParse(text.trim());
  return name.success
    ? { ok: true, value: name.data }
    : { ok: false, error: name.error.issues[0]?.message ?? 'not an agent name' };
};
