import type { z } from 'zod';
import { graphEnvelopeSchema } from './graph-document.js';
import { graphEdgeSchema, type GraphEdge } from './graph-edge.js';
import { DOCUMENT_LIMIT_TEXT, GRAPH_LIMITS, overLimitSize, utf8Length } from './graph-limits.js';
import { graphNodeSchema, type GraphNode } from './graph-node.js';
import type { GraphProblem } from './graph-problem.js';
import { migrateGraph } from './graph-version.js';
import { describeZodIssue, formatPath, issuesToTell, type ZodIssue } from './zod-issue-message.js';

export interface IndexedNode {
  node: GraphNode;
  index: number;
}
export interface IndexedEdge {
  edge: GraphEdge;
  index: number;
}

/** The well-formed parts of a document, and what is wrong with the rest. */
export interface ShapeResult {
  problems: GraphProblem[];
  header: z.output<typeof graphEnvelopeSchema> | undefined;
  nodes: IndexedNode[];
  edges: IndexedEdge[];
  /** Ids of nodes that are there but malformed: edges to them are not dangling. */
  malformedNodeIds: Set<string>;
  /** Every element of `edges`, well-formed or not, for checks that must not over-report. */
  rawEdges: readonly unknown[];
}

const empty = (problems: GraphProblem[]): ShapeResult => ({
  problems,
  header: undefined,
  nodes: [],
  edges: [],
  malformedNodeIds: new Set(),
  rawEdges: [],
});

function serializedBytes(input: unknown): number | undefined {
  try {
    const json = JSON.stringify(input);
    return json === undefined ? undefined : utf8Length(json);
  } catch {
    return undefined;
  }
}

const idOf = (raw: unknown): string | undefined => {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/**
 * Checks the document against the zod schema element by element, so that one malformed node is
 * blamed on that node and the rest of the graph can still be checked.
 */
export function validateShape(input: unknown): ShapeResult {
  const bytes = serializedBytes(input);
  if (bytes === undefined) {
    return empty([{ code: 'schema', message: 'a graph document must be JSON data' }]);
  }
  if (bytes > GRAPH_LIMITS.maxDocumentBytes) {
    return empty([
      {
        code: 'too-large',
        message: `the document is ${overLimitSize(bytes)} of JSON; a graph may be at most ${DOCUMENT_LIMIT_TEXT}`,
      },
    ]);
  }
  const migrated = migrateGraph(input);
  if (!migrated.ok) return empty([migrated.problem]);
  const doc = migrated.doc;

  const problems: GraphProblem[] = [];
  const envelope = graphEnvelopeSchema.safeParse(doc);
  if (!envelope.success) {
    for (const issue of issuesToTell(envelope.error.issues)) {
      problems.push({
        code: 'schema',
        message: describeZodIssue(issue, doc),
        path: pathOf(issue),
      });
    }
  }
  const rawNodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const rawEdges = Array.isArray(doc.edges) ? doc.edges : [];
  if (rawNodes.length > GRAPH_LIMITS.maxNodes) {
    problems.push(tooMany('nodes', rawNodes.length, GRAPH_LIMITS.maxNodes));
  }
  if (rawEdges.length > GRAPH_LIMITS.maxEdges) {
    problems.push(tooMany('edges', rawEdges.length, GRAPH_LIMITS.maxEdges));
  }
  if (problems.some((p) => p.code === 'too-large')) return empty(problems);

  const result: ShapeResult = {
    problems,
    header: envelope.success ? envelope.data : undefined,
    nodes: [],
    edges: [],
    malformedNodeIds: new Set(),
    rawEdges,
  };
  rawNodes.forEach((raw, index) => {
    const parsed = graphNodeSchema.safeParse(raw);
    if (parsed.success) {
      const huge = nonFiniteNumbers(parsed.data.params);
      if (!huge) {
        result.nodes.push({ node: parsed.data, index });
        return;
      }
      // `1e999` reads as Infinity, which JSON writes back as null: the node would not survive
      // its own export, so it is not read at all.
      const { id } = parsed.data;
      result.malformedNodeIds.add(id);
      const field = formatPath(['params', ...huge.path]);
      const more = huge.count > 1 ? ` (and ${huge.count - 1} more such numbers)` : '';
      const message = `node \`${id}\`: \`${field}\` is ${String(huge.value)}, which JSON cannot store (numbers must be within ±1.8e308)${more}`;
      const path = ['nodes', index, 'params', ...huge.path];
      problems.push({ code: 'schema', message, path, nodeId: id });
      return;
    }
    const id = idOf(raw);
    if (id !== undefined) result.malformedNodeIds.add(id);
    for (const issue of issuesToTell(parsed.error.issues)) {
      const path = ['nodes', index, ...pathOf(issue)];
      const message = `${id === undefined ? `nodes[${index}]` : `node \`${id}\``}: ${describeZodIssue(issue, raw)}`;
      const code =
        issue.path[0] === 'kind' && issue.code === 'invalid_value' ? 'unknown-kind' : 'schema';
      problems.push({ code, message, path, ...(id === undefined ? {} : { nodeId: id }) });
    }
  });
  rawEdges.forEach((raw, index) => {
    const parsed = graphEdgeSchema.safeParse(raw);
    if (parsed.success) {
      result.edges.push({ edge: parsed.data, index });
      return;
    }
    const id = idOf(raw);
    for (const issue of issuesToTell(parsed.error.issues)) {
      const path = ['edges', index, ...pathOf(issue)];
      const message = `${id === undefined ? `edges[${index}]` : `edge ${id}`}: ${describeZodIssue(issue, raw)}`;
      problems.push({ code: 'schema', message, path, ...(id === undefined ? {} : { edgeId: id }) });
    }
  });
  return result;
}

interface Place {
  value: unknown;
  key?: string | number;
  parent?: Place;
}

/**
 * The first place (in document order) where `x` holds a number JSON cannot carry, and how many
 * such numbers it holds. Iterative, with one path built: params may nest as deep as a file allows.
 */
function nonFiniteNumbers(
  x: unknown,
): { path: (string | number)[]; value: unknown; count: number } | undefined {
  let first: Place | undefined;
  let count = 0;
  const stack: Place[] = [{ value: x }];
  for (let place = stack.pop(); place; place = stack.pop()) {
    const { value } = place;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      first ??= place;
      count++;
    }
    if (typeof value !== 'object' || value === null) continue;
    const entries = Array.isArray(value)
      ? value.map((v: unknown, i) => [i, v] as const)
      : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, v] = entries[i] ?? [];
      stack.push({ value: v, key, parent: place });
    }
  }
  if (!first) return undefined;
  const path: (string | number)[] = [];
  for (let p: Place | undefined = first; p?.key !== undefined; p = p.parent) path.push(p.key);
  return { path: path.reverse(), value: first.value, count };
}

const pathOf = (issue: ZodIssue): (string | number)[] =>
  issue.path.map((key) => (typeof key === 'number' ? key : String(key)));

const tooMany = (what: 'nodes' | 'edges', count: number, max: number): GraphProblem => ({
  code: 'too-large',
  message: `the graph has ${count} ${what}; at most ${max} are allowed`,
  path: [what],
});
