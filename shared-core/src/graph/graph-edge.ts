import { z } from 'zod';

/** A connection from one node's output handle to another node's input handle. */
export const graphEdgeSchema = z.strictObject({
  id: z.string().min(1).max(256).meta({ description: 'Unique among the edges.' }),
  source: z.string().min(1).max(64).meta({ description: 'The id of the node the edge leaves.' }),
  sourceHandle: z.string().min(1).max(64).meta({ description: 'An output handle of `source`.' }),
  target: z.string().min(1).max(64).meta({ description: 'The id of the node the edge enters.' }),
  targetHandle: z.string().min(1).max(64).meta({ description: 'An input handle of `target`.' }),
});
export type GraphEdge = z.output<typeof graphEdgeSchema>;
