import { graphNodeSchema } from '@inflow/shared-core';

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
