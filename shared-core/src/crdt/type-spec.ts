import { z } from 'zod';

/** Every CRDT type a variable can have, by the name users know it by. */
export const TYPE_NAMES = [
  'gcounter',
  'pncounter',
  'maxint',
  'boolean',
  'ewflag',
  'dwflag',
  'gset',
  'twopset',
  'orset',
  'awset',
  'lwwregister',
  'mvregister',
  'ivar',
  'pair',
  'gmap',
  'awmap',
  'topk',
] as const;
export type TypeName = (typeof TYPE_NAMES)[number];

/** Types whose value is a set of elements, so set operators and `{cardinality: N}` apply. */
export const SET_TYPES = [
  'gset',
  'twopset',
  'orset',
  'awset',
] as const satisfies readonly TypeName[];
/** Types whose value is a number, so `{value: N}` thresholds apply. */
export const COUNTER_TYPES = [
  'gcounter',
  'pncounter',
  'maxint',
] as const satisfies readonly TypeName[];
/** Causal types (dot stores with a causal context): the only value types an awmap may hold. */
export const CAUSAL_TYPES = [
  'ewflag',
  'dwflag',
  'awset',
  'mvregister',
  'awmap',
] as const satisfies readonly TypeName[];

/**
 * A type with its parameters: `{name: 'topk', k: 10}`, `{name: 'gmap', value: {name: 'gcounter'}}`,
 * `{name: 'pair', fst: ..., snd: ...}`. Plain types take no parameters.
 */
export type TypeSpec =
  | { name: Exclude<TypeName, 'topk' | 'gmap' | 'awmap' | 'pair'> }
  | { name: 'topk'; k: number }
  | { name: 'gmap' | 'awmap'; value: TypeSpec }
  | { name: 'pair'; fst: TypeSpec; snd: TypeSpec };

const MAX_K = 10_000;

export const typeSpecSchema: z.ZodType<TypeSpec> = z.lazy(() =>
  z.discriminatedUnion('name', [
    z.object({
      name: z.enum(
        TYPE_NAMES.filter(
          (n): n is Exclude<TypeName, 'topk' | 'gmap' | 'awmap' | 'pair'> =>
            n !== 'topk' && n !== 'gmap' && n !== 'awmap' && n !== 'pair',
        ),
      ),
    }),
    z.object({ name: z.literal('topk'), k: z.number().int().min(1).max(MAX_K) }),
    z.object({ name: z.enum(['gmap', 'awmap']), value: typeSpecSchema }),
    z.object({ name: z.literal('pair'), fst: typeSpecSchema, snd: typeSpecSchema }),
  ]),
);

export function typeSpecToString(spec: TypeSpec): string {
  switch (spec.name) {
    case 'topk':
      return `topk(${spec.k})`;
    case 'gmap':
    case 'awmap':
      return `${spec.name}<${typeSpecToString(spec.value)}>`;
    case 'pair':
      return `pair<${typeSpecToString(spec.fst)}, ${typeSpecToString(spec.snd)}>`;
    default:
      return spec.name;
  }
}
