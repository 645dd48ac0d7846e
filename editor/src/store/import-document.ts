import { parseGraphJson, type GraphDocument, type GraphProblem } from '@inflow/shared-core';

export type ImportResult =
  { ok: true; doc: GraphDocument } | { ok: false; problems: readonly GraphProblem[] };

/**
 * Reads a graph file or pasted text with the core's parser and validator, as the server does:
 * a document with any problem is refused whole, with every problem listed.
 */
export function importDocument(text: string): ImportResult {
  const result = parseGraphJson(text);
  return result.ok ? { ok: true, doc: result.graph } : { ok: false, problems: result.problems };
}

/** The versioned JSON document exactly as it is stored, for a file or the clipboard. */
export const exportDocument = (doc: GraphDocument): string => `${JSON.stringify(doc, null, 2)}\n`;
