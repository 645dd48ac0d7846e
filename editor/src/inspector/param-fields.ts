import type { NodeTypeSpec } from '@inflow/shared-core';

export type ExpressionSlot = NodeTypeSpec['expressions'][number];

interface FieldBase {
  key: string;
  /** Where the value sits inside the node's params. */
  path: readonly string[];
  required: boolean;
  description?: string;
}

/** One form control, derived from a node type's params schema in the catalog. */
export type ParamField =
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'number'; integer: boolean; min?: number; max?: number })
  | (FieldBase & { kind: 'enum'; options: readonly string[] })
  | (FieldBase & { kind: 'text' })
  | (FieldBase & { kind: 'expression'; slot: ExpressionSlot })
  | (FieldBase & { kind: 'object'; fields: readonly ParamField[] })
  | (FieldBase & {
      kind: 'variant';
      discriminator: string;
      variants: readonly { value: string; fields: readonly ParamField[] }[];
    })
  /** Anything richer (a CRDT type spec): edited as JSON text. */
  | (FieldBase & { kind: 'json' });

type Schema = Readonly<Record<string, unknown>>;

const isRecord = (x: unknown): x is Schema =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);
const samePath = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((k, i) => k === b[i]);

function objectFields(schema: Schema, path: readonly string[], slots: readonly ExpressionSlot[]) {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(properties).flatMap(([key, sub]) =>
    isRecord(sub) ? [fieldOf(key, [...path, key], sub, required.has(key), slots)] : [],
  );
}

/** The property every variant pins to a constant (`kind` of a threshold), if there is one. */
function discriminatorOf(variants: readonly Schema[]): string | undefined {
  const first = variants[0];
  if (!first || !isRecord(first.properties)) return undefined;
  return Object.keys(first.properties).find((key) =>
    variants.every(
      (v) =>
        isRecord(v.properties) &&
        isRecord(v.properties[key]) &&
        typeof v.properties[key].const === 'string',
    ),
  );
}

function fieldOf(
  key: string,
  path: readonly string[],
  schema: Schema,
  required: boolean,
  slots: readonly ExpressionSlot[],
): ParamField {
  const base: FieldBase = { key, path, required };
  if (typeof schema.description === 'string') base.description = schema.description;
  const slot = slots.find((s) => samePath(s.path, path));
  if (slot) return { ...base, kind: 'expression', slot, description: slot.description };
  if (Array.isArray(schema.enum) && schema.enum.every((o) => typeof o === 'string')) {
    return { ...base, kind: 'enum', options: schema.enum };
  }
  switch (schema.type) {
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'integer':
    case 'number': {
      const field: ParamField = { ...base, kind: 'number', integer: schema.type === 'integer' };
      const [min, max] = [num(schema.minimum), num(schema.maximum)];
      if (min !== undefined) field.min = min;
      if (max !== undefined && max < Number.MAX_SAFE_INTEGER) field.max = max;
      return field;
    }
    case 'string':
      return { ...base, kind: 'text' };
    case 'object':
      if (isRecord(schema.properties)) {
        return { ...base, kind: 'object', fields: objectFields(schema, path, slots) };
      }
      break;
  }
  const options = Array.isArray(schema.oneOf) ? schema.oneOf : schema.anyOf;
  const variants = Array.isArray(options) ? options.filter(isRecord) : [];
  const discriminator = variants.length > 0 ? discriminatorOf(variants) : undefined;
  if (discriminator !== undefined && !('$ref' in schema)) {
    return {
      ...base,
      kind: 'variant',
      discriminator,
      variants: variants.map((v) => ({
        value: String((v.properties as Record<string, Schema>)[discriminator]?.const),
        fields: objectFields(v, path, slots).filter((f) => f.key !== discriminator),
      })),
    };
  }
  return { ...base, kind: 'json' };
}

const cache = new WeakMap<NodeTypeSpec, readonly ParamField[]>();

/** The form for a node type, generated from its params schema (zod, as JSON Schema) and slots. */
export function paramFields(spec: NodeTypeSpec): readonly ParamField[] {
  let fields = cache.get(spec);
  if (!fields) {
    const schema: unknown = spec.params.toJSONSchema({ io: 'input', unrepresentable: 'any' });
    fields = isRecord(schema) ? objectFields(schema, [], spec.expressions) : [];
    cache.set(spec, fields);
  }
  return fields;
}

/** `threshold.n`: how a field is named in test ids and error lists. */
export const fieldName = (path: readonly string[]): string => path.join('.');
