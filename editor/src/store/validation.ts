import {
  isDraftProblem,
  validateGraph,
  valuesEqual,
  type GraphDocument,
  type GraphProblem,
  type GraphValidation,
  type Value,
} from '@inflow/shared-core';

const NO_PROBLEMS: readonly GraphProblem[] = [];

export interface ProblemIndex {
  problems: readonly GraphProblem[];
  /** How many problems blame each node (a cycle blames every node on it). */
  byNode: ReadonlyMap<string, number>;
  byEdge: ReadonlyMap<string, number>;
}

// Documents are immutable, so one validation per document object is enough however many
// components ask for it.
const validations = new WeakMap<GraphDocument, GraphValidation<GraphDocument>>();
const indexes = new WeakMap<GraphDocument, ProblemIndex>();

/** The server's own validator, run once per document version. */
export function validationOf(doc: GraphDocument): GraphValidation<GraphDocument> {
  let result = validations.get(doc);
  if (!result) {
    result = validateGraph(doc);
    validations.set(doc, result);
  }
  return result;
}

export function problemsOf(doc: GraphDocument): readonly GraphProblem[] {
  const result = validationOf(doc);
  return result.ok ? NO_PROBLEMS : result.problems;
}

export function problemIndexOf(doc: GraphDocument): ProblemIndex {
  let index = indexes.get(doc);
  if (index) return index;
  const problems = problemsOf(doc);
  const byNode = new Map<string, number>();
  const byEdge = new Map<string, number>();
  for (const p of problems) {
    const blamed = new Set([...(p.nodeIds ?? []), ...(p.nodeId === undefined ? [] : [p.nodeId])]);
    for (const id of blamed) byNode.set(id, (byNode.get(id) ?? 0) + 1);
    if (p.edgeId !== undefined) byEdge.set(p.edgeId, (byEdge.get(p.edgeId) ?? 0) + 1);
  }
  index = { problems, byNode, byEdge };
  indexes.set(doc, index);
  return index;
}

/**
 * The first problem that would keep the core from storing or opening `after` (over its limits,
 * say) and that `before` did not already have; an edit that brings one is refused, since the graph
 * could then be neither saved nor exported and opened again.
 */
export function newlyUnreadable(before: GraphDocument, after: GraphDocument): string | undefined {
  const unreadable = (doc: GraphDocument) => problemsOf(doc).filter((p) => !isDraftProblem(p));
  const already = new Set(unreadable(before).map((p) => p.message));
  return unreadable(after).find((p) => !already.has(p.message))?.message;
}

/** Whether two documents hold the same data, whatever their key order. */
export function documentsEqual(a: GraphDocument, b: GraphDocument): boolean {
  // A document is plain JSON data, which is exactly what the core's value equality compares.
  return a === b || valuesEqual(a as unknown as Value, b as unknown as Value);
}
