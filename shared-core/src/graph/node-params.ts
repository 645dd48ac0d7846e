import { z } from 'zod';
import { MAX_K } from './variable-params.js';

/** CEL source text; compiled and type-checked by the validator, never run as code. */
const expression = z.string().min(1);

export const AGGREGATES = ['sum', 'count', 'min', 'max', 'topk'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

const k = z.number().int().min(1).max(MAX_K);

/** `k` goes with topk and only with it; so does `key`. */
function checkTopK(
  params: { aggregate: Aggregate; k?: number | undefined; key?: string | undefined },
  ctx: z.core.$RefinementCtx,
) {
  if (params.aggregate === 'topk' && params.k === undefined) {
    ctx.addIssue({ code: 'custom', path: ['k'], message: 'is required for aggregate topk' });
  }
  if (params.aggregate !== 'topk' && params.k !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['k'], message: 'applies only to aggregate topk' });
  }
  if (params.aggregate !== 'topk' && params.key !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['key'], message: 'applies only to aggregate topk' });
  }
}

export const mapParamsSchema = z.strictObject({ fn: expression });
export type MapParams = z.output<typeof mapParamsSchema>;

export const filterParamsSchema = z.strictObject({ predicate: expression });
export type FilterParams = z.output<typeof filterParamsSchema>;

export const noParamsSchema = z.strictObject({});

export const foldParamsSchema = z
  .strictObject({
    aggregate: z.enum(AGGREGATES),
    value: expression.optional(),
    key: expression.optional(),
    k: k.optional(),
  })
  .superRefine(checkTopK);
export type FoldParams = z.output<typeof foldParamsSchema>;

export const foldDynamicParamsSchema = z
  .strictObject({ aggregate: z.enum(AGGREGATES), k: k.optional() })
  .superRefine(checkTopK);
export type FoldDynamicParams = z.output<typeof foldDynamicParamsSchema>;

export const TRIGGER_MODES = ['invariant', 'enforce_once'] as const;

export const triggerParamsSchema = z.strictObject({
  threshold: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('value'), n: z.number(), strict: z.boolean().optional() }),
    z.strictObject({
      kind: z.literal('cardinality'),
      n: z.number().int().min(0),
      strict: z.boolean().optional(),
    }),
  ]),
  mode: z.enum(TRIGGER_MODES),
  perKey: z.boolean().optional(),
  action: z.strictObject({
    op: z.string().min(1).max(64),
    value: expression.optional(),
    where: expression.optional(),
  }),
});
export type TriggerParams = z.output<typeof triggerParamsSchema>;

export const clientSourceParamsSchema = z.strictObject({
  description: z.string().max(1000).optional(),
});
export type ClientSourceParams = z.output<typeof clientSourceParamsSchema>;

export const logSinkParamsSchema = z.strictObject({ format: expression.optional() });
export type LogSinkParams = z.output<typeof logSinkParamsSchema>;

export const webhookSinkParamsSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2048),
});
export type WebhookSinkParams = z.output<typeof webhookSinkParamsSchema>;
