/**
 * Upper bounds on what one graph may hold. They keep validation, storage and the canvas fast, and
 * stop a hostile upload from costing the control plane more than a bounded amount of work.
 */
export const GRAPH_LIMITS = {
  /** The document serialised as UTF-8 JSON. */
  maxDocumentBytes: 1024 * 1024,
  maxNodes: 5_000,
  maxEdges: 20_000,
  /** One expression's source, in UTF-8 bytes. */
  maxExpressionBytes: 4 * 1024,
} as const;

const encoder = new TextEncoder();
export const utf8Length = (text: string): number => encoder.encode(text).length;

/** A size over the document limit, in units that show how far over: `1025 KiB`, not `1.0 MiB`. */
export function overLimitSize(bytes: number): string {
  const kib = Math.ceil(bytes / 1024);
  return kib < 10 * 1024 ? `${kib} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The document limit as the messages above name it. */
export const DOCUMENT_LIMIT_TEXT = `${GRAPH_LIMITS.maxDocumentBytes / 1024} KiB (1 MiB)`;
