import { parseGraphDraftJson, type GraphDocument, type GraphProblem } from '@inflow/shared-core';

export type ImportResult =
  | { ok: true; doc: GraphDocument; problems: readonly GraphProblem[] }
  | { ok: false; problems: readonly GraphProblem[] };

/**
 * Reads a graph file or pasted text with the core's parser and validator, as the server does. A
 * draft opens with what is left to fix (the editor lists it); a document that is not a graph is
 * refused whole, with every problem listed.
 */
export function importDocument(text: string): ImportResult {
  const result = parseGraphDraftJson(text);
  return result.ok
    ? { ok: true, doc: result.graph, problems: result.problems }
    : { ok: false, problems: result.problems };
}

/** The versioned JSON document exactly as it is stored, for a file or the clipboard. */
export const exportDocument = (doc: GraphDocument): string => `${JSON.stringify(doc, null, 2)}\n`;
