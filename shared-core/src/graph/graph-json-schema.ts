import { z } from 'zod';
import { graphDocumentSchema } from './graph-document.js';

/**
 * The JSON Schema of a graph file, generated from the zod schema so that the two cannot drift.
 * It describes the document's shape; the node catalog's rules (params, handles, types) are checked
 * by `validateGraph` only. Checked in as `shared-core/schema/graph.schema.json`.
 */
export function graphJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(graphDocumentSchema, { io: 'input', target: 'draft-2020-12' });
}

/** The checked-in file's exact text. */
export const graphJsonSchemaText = (): string => JSON.stringify(graphJsonSchema(), null, 2) + '\n';
