import type { GraphDocument } from '@inflow/shared-core';

/** Snapshots of the document before each edit (`past`) and after each undo (`future`). */
export interface History {
  readonly past: readonly GraphDocument[];
  readonly future: readonly GraphDocument[];
  /** The last edit's coalescing key and time: typing into one field makes one undo step. */
  readonly coalesce?: { readonly key: string; readonly at: number };
}

export const HISTORY_LIMIT = 200;
/** Edits with the same key closer together than this merge into one undo step. */
export const COALESCE_MS = 1500;

export const EMPTY_HISTORY: History = { past: [], future: [] };

/** The history after an edit that replaced `before`. */
export function recordEdit(
  history: History,
  before: GraphDocument,
  key: string | undefined,
  now: number,
): History {
  const last = history.coalesce;
  if (key !== undefined && last?.key === key && now - last.at < COALESCE_MS) {
    return { past: history.past, future: [], coalesce: { key, at: now } };
  }
  const past = [...history.past, before].slice(-HISTORY_LIMIT);
  return key === undefined
    ? { past, future: [] }
    : { past, future: [], coalesce: { key, at: now } };
}

export function undoStep(
  history: History,
  current: GraphDocument,
): { history: History; doc: GraphDocument } | undefined {
  const doc = history.past[history.past.length - 1];
  if (doc === undefined) return undefined;
  return {
    doc,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future] },
  };
}

export function redoStep(
  history: History,
  current: GraphDocument,
): { history: History; doc: GraphDocument } | undefined {
  const [doc, ...future] = history.future;
  if (doc === undefined) return undefined;
  return { doc, history: { past: [...history.past, current].slice(-HISTORY_LIMIT), future } };
}

/**
 * The history with every snapshot under `name`: a rename made on the server (the graph list)
 * is not an edit, so no undo or redo may take it back.
 */
export function renamedHistory(history: History, name: string): History {
  const rename = (doc: GraphDocument) => (doc.name === name ? doc : { ...doc, name });
  return { ...history, past: history.past.map(rename), future: history.future.map(rename) };
}
