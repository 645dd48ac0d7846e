import { z } from 'zod';

/** What a node is: a CRDT variable, a process over variables, or an edge of the system. */
export const NODE_KINDS = ['variable', 'operator', 'trigger', 'source', 'sink'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** Node ids double as variable names in the runtime and in logs, so they stay identifier-like. */
export const NODE_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const isNodeId = (x: unknown): x is string =>
  typeof x === 'string' && NODE_ID_PATTERN.test(x);

export const nodeIdSchema = z
  .string()
  .regex(NODE_ID_PATTERN, {
    error: 'must start with a letter and hold only letters, digits, `_` and `-` (at most 64)',
  })
  .meta({ description: 'Unique among the nodes; a letter, then letters, digits, _ or - (≤ 64).' });

/** An agent's name, as it says it in its hello and as a node's `pin` names it. */
export const agentNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'an agent name is 1-64 letters, digits, _ . -');

/**
 * Where a node may run. Hard constraints for the placement engine; all optional. Strict, as
 * every part of a node is: a misspelt `trustedOnly` must not drop the constraint unseen.
 */
export const placementSchema = z.strictObject({
  selector: z
    .record(z.string().min(1).max(64), z.string().max(256))
    .optional()
    .meta({ description: 'Agent labels the node needs, e.g. {"role": "client"}.' }),
  each: z
    .boolean()
    .optional()
    .meta({ description: 'One replica on each agent that matches the selector.' }),
  trustedOnly: z
    .boolean()
    .optional()
    .meta({ description: 'Run only on trusted agents (side effects, enforce_once).' }),
  pin: agentNameSchema.optional().meta({ description: 'The name of one agent.' }),
  replicas: z
    .union([z.literal(1), z.literal(2)])
    .optional()
    .meta({ description: 'How many agents run the node; two go to different agents.' }),
  prefer: z.record(z.string().min(1).max(64), z.string().max(256)).optional().meta({
    description:
      'Agent labels the node would rather run on (soft): another agent must save more than half the traffic the node carries.',
  }),
});
export type Placement = z.output<typeof placementSchema>;

export const positionSchema = z.object({ x: z.number(), y: z.number() });

export const graphNodeSchema = z.strictObject({
  id: nodeIdSchema,
  kind: z.enum(NODE_KINDS),
  type: z
    .string()
    .min(1)
    .max(64)
    .meta({ description: 'The node type within its kind (orset, union, threshold, ...).' }),
  label: z.string().max(200).optional(),
  params: z
    .record(z.string(), z.unknown())
    .default({})
    .meta({ description: 'Type-specific parameters; see the node catalog.' }),
  position: positionSchema.meta({ description: 'Canvas position, for the editor only.' }),
  placement: placementSchema.optional(),
});
export type GraphNode = z.output<typeof graphNodeSchema>;
