import type { GraphDocument } from './graph-document.js';
import {
  isDraftProblem,
  type GraphDraftValidation,
  type GraphProblem,
  type GraphValidation,
} from './graph-problem.js';
import { validateCycles } from './validate-cycles.js';
import { validateExpressions } from './validate-expressions.js';
import { validateHandles } from './validate-handles.js';
import { validatePlacement } from './validate-placement.js';
import { validatePorts } from './validate-ports.js';
import { validateShape } from './validate-shape.js';
import { buildContext } from './validate-structure.js';
import { validateTriggers } from './validate-triggers.js';

/**
 * Checks a graph document (already parsed from JSON) and returns it typed, or every problem found.
 * Problems come in one pass: a malformed or unknown node is blamed once, and left out of the checks
 * that depend on it rather than stopping them. Never throws.
 */
export function validateGraph(input: unknown): GraphValidation<GraphDocument> {
  const draft = validateGraphDraft(input);
  return draft.ok && draft.problems.length === 0
    ? { ok: true, graph: draft.graph }
    : { ok: false, problems: draft.problems };
}

/**
 * Like `validateGraph`, but a document whose only problems are draft problems (an unconnected
 * input, a half-typed expression) comes back typed, with those problems: it can be stored and
 * opened again, though not deployed.
 */
export function validateGraphDraft(input: unknown): GraphDraftValidation<GraphDocument> {
  try {
    return check(input);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      problems: [{ code: 'schema', message: `the graph could not be checked: ${reason}` }],
    };
  }
}

function check(input: unknown): GraphDraftValidation<GraphDocument> {
  const shape = validateShape(input);
  const problems: GraphProblem[] = [...shape.problems];
  if (
    !shape.header &&
    problems.length > 0 &&
    shape.nodes.length === 0 &&
    shape.edges.length === 0
  ) {
    return { ok: false, problems };
  }
  const ctx = buildContext(shape, problems);
  validateHandles(ctx, problems);
  validatePorts(ctx, problems);
  validateTriggers(ctx, problems);
  validateExpressions(ctx, problems);
  validateCycles(ctx, problems);
  validatePlacement(ctx, problems);
  if (!shape.header || !problems.every(isDraftProblem)) return { ok: false, problems };
  const graph: GraphDocument = {
    ...shape.header,
    nodes: shape.nodes.map((n) => n.node),
    edges: shape.edges.map((e) => e.edge),
  };
  return { ok: true, graph, problems };
}
