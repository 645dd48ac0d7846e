import type { GraphDocument } from './graph-document.js';
import { DOCUMENT_LIMIT_TEXT, GRAPH_LIMITS, overLimitSize, utf8Length } from './graph-limits.js';
import type {
  GraphDraftValidation,
  GraphProblem,
  GraphValidation,
  TextPosition,
} from './graph-problem.js';
import { findJsonSyntaxError } from './json-syntax-error.js';
import { validateGraph, validateGraphDraft } from './validate-graph.js';

function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n'), offset };
}

/** Parses and validates a graph file; a JSON syntax error comes back as a problem with a position. */
export function parseGraphJson(text: string): GraphValidation<GraphDocument> {
  const decoded = decodeJson(text);
  return decoded.ok ? validateGraph(decoded.value) : decoded;
}

/** Like `parseGraphJson`, but a draft (a graph not yet ready to deploy) is read, with its problems. */
export function parseGraphDraftJson(text: string): GraphDraftValidation<GraphDocument> {
  const decoded = decodeJson(text);
  return decoded.ok ? validateGraphDraft(decoded.value) : decoded;
}

function decodeJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; problems: GraphProblem[] } {
  const bytes = utf8Length(text);
  if (bytes > GRAPH_LIMITS.maxDocumentBytes) {
    const message = `the file is ${overLimitSize(bytes)}; a graph may be at most ${DOCUMENT_LIMIT_TEXT}`;
    return { ok: false, problems: [{ code: 'too-large', message }] };
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const error = findJsonSyntaxError(body);
    if (!error) {
      const reason = e instanceof Error ? e.message : String(e);
      return {
        ok: false,
        problems: [{ code: 'invalid-json', message: `the file is not valid JSON: ${reason}` }],
      };
    }
    const position = positionOf(body, error.offset);
    const message = `the file is not valid JSON: ${error.reason} at line ${position.line}, column ${position.column}`;
    return { ok: false, problems: [{ code: 'invalid-json', message, position }] };
  }
}
