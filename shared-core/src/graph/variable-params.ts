import { z } from 'zod';
import {
  CAUSAL_TYPES,
  TYPE_NAMES,
  typeSpecSchema,
  type TypeName,
  type TypeSpec,
} from '../crdt/type-spec.js';

export const MAX_K = 10_000;

const dynamic = z
  .boolean()
  .optional()
  .meta({ description: 'Local to each replica and never replicated (declare_dynamic).' });

/** A variable's params: its type's parameters (which ones depends on the type) plus `dynamic`. */
export interface VariableParams {
  dynamic?: boolean | undefined;
  k?: number;
  value?: TypeSpec;
  fst?: TypeSpec;
  snd?: TypeSpec;
}

const isCausal = (name: TypeName) => (CAUSAL_TYPES as readonly TypeName[]).includes(name);

const causalMessage = (name: TypeName) =>
  `an awmap's values must be of a causal type (${CAUSAL_TYPES.join(', ')}), not ${name}`;

/** Why a type cannot exist (an awmap may only hold causal types), or undefined when it can. */
export function typeSpecProblem(spec: TypeSpec): string | undefined {
  switch (spec.name) {
    case 'awmap':
      if (!isCausal(spec.value.name)) return causalMessage(spec.value.name);
      return typeSpecProblem(spec.value);
    case 'gmap':
      return typeSpecProblem(spec.value);
    case 'pair':
      return typeSpecProblem(spec.fst) ?? typeSpecProblem(spec.snd);
    default:
      return undefined;
  }
}

const specParam = typeSpecSchema.superRefine((spec, ctx) => {
  const problem = typeSpecProblem(spec);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
/** The value type of an awmap variable: a causal type. */
const causalSpecParam = specParam.superRefine((spec, ctx) => {
  if (!isCausal(spec.name)) ctx.addIssue({ code: 'custom', message: causalMessage(spec.name) });
});

const schemas = new Map<TypeName, z.ZodType<VariableParams>>(
  TYPE_NAMES.map((name): [TypeName, z.ZodType<VariableParams>] => {
    switch (name) {
      case 'topk':
        return [name, z.strictObject({ k: z.number().int().min(1).max(MAX_K), dynamic })];
      case 'gmap':
        return [name, z.strictObject({ value: specParam, dynamic })];
      case 'awmap':
        return [name, z.strictObject({ value: causalSpecParam, dynamic })];
      case 'pair':
        return [name, z.strictObject({ fst: specParam, snd: specParam, dynamic })];
      default:
        return [name, z.strictObject({ dynamic })];
    }
  }),
);

export function variableParamsSchema(type: TypeName): z.ZodType<VariableParams> {
  const schema = schemas.get(type);
  if (!schema) throw new RangeError(`unknown variable type ${type}`);
  return schema;
}

export const isTypeName = (x: string): x is TypeName =>
  (TYPE_NAMES as readonly string[]).includes(x);

/** The TypeSpec a variable node declares, or undefined when its type or params are invalid. */
export function variableTypeSpec(node: {
  type: string;
  params: Record<string, unknown>;
}): TypeSpec | undefined {
  if (!isTypeName(node.type)) return undefined;
  const parsed = variableParamsSchema(node.type).safeParse(node.params);
  if (!parsed.success) return undefined;
  const { dynamic: _dynamic, ...typeParams } = parsed.data;
  const spec = typeSpecSchema.safeParse({ name: node.type, ...typeParams });
  return spec.success ? spec.data : undefined;
}

/** Whether a variable node is declared dynamic (local to each replica). */
export const isDynamicVariable = (node: { kind: string; params: Record<string, unknown> }) =>
  node.kind === 'variable' && node.params.dynamic === true;
