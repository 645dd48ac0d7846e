import { z } from 'zod';
import { graphEdgeSchema } from './graph-edge.js';
import { graphNodeSchema } from './graph-node.js';
import { GRAPH_FORMAT, GRAPH_VERSION } from './graph-version.js';

const header = {
  format: z.literal(GRAPH_FORMAT),
  version: z.literal(GRAPH_VERSION),
  name: z.string().min(1).max(200),
  description: z.string().max(10_000).optional(),
};

/** A whole graph as it is exported, imported, stored and deployed. */
export const graphDocumentSchema = z
  .object({ ...header, nodes: z.array(graphNodeSchema), edges: z.array(graphEdgeSchema) })
  .meta({
    title: 'Inflow graph',
    description: 'A dataflow graph of CRDT variables and operators (inflow-graph, version 1).',
  });
export type GraphDocument = z.output<typeof graphDocumentSchema>;

/** The document with its nodes and edges left unchecked, so each can be checked (and blamed) alone. */
export const graphEnvelopeSchema = z.object({
  ...header,
  nodes: z.array(z.unknown()),
  edges: z.array(z.unknown()),
});
