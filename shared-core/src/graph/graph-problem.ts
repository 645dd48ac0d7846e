/** Why a graph was rejected, as a stable code the editor can key on. */
export const GRAPH_PROBLEM_CODES = {
  invalidJson: 'invalid-json',
  unsupportedFormat: 'unsupported-format',
  unsupportedVersion: 'unsupported-version',
  schema: 'schema',
  tooLarge: 'too-large',
  duplicateId: 'duplicate-id',
  danglingEdge: 'dangling-edge',
  unknownKind: 'unknown-kind',
  unknownType: 'unknown-type',
  unknownHandle: 'unknown-handle',
  typeMismatch: 'type-mismatch',
  unconnectedInput: 'unconnected-input',
  unconnectedOutput: 'unconnected-output',
  tooManyEdges: 'too-many-edges',
  invalidParam: 'invalid-param',
  badExpression: 'bad-expression',
  cycle: 'cycle',
  dynamicConsumer: 'dynamic-consumer',
  trustedOnly: 'trusted-only',
} as const;
export type GraphProblemCode = (typeof GRAPH_PROBLEM_CODES)[keyof typeof GRAPH_PROBLEM_CODES];

/** A place in a text: 1-based line and column, 0-based offset. */
export interface TextPosition {
  line: number;
  column: number;
  offset: number;
}

/**
 * One thing wrong with a graph. `nodeId`/`edgeId` name the element the editor should highlight,
 * `path` locates the offending field in the document, and `position` points into the text that
 * `path` names (an expression, or the JSON file itself for syntax errors).
 */
export interface GraphProblem {
  code: GraphProblemCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Every node involved, when there is more than one (the nodes on a cycle). */
  nodeIds?: string[];
  path?: (string | number)[];
  position?: TextPosition;
}

export type GraphValidation<T> = { ok: true; graph: T } | { ok: false; problems: GraphProblem[] };

/**
 * A graph that can be stored and opened but may not be ready to deploy: `problems` lists what
 * is left to fix, each of them a draft problem.
 */
export type GraphDraftValidation<T> =
  { ok: true; graph: T; problems: GraphProblem[] } | { ok: false; problems: GraphProblem[] };

// The document cannot be shown as the graph it means to be: an element would be dropped, drawn
// without its ports, or left hanging. Every other problem is one the editor shows and the user
// fixes on the canvas.
const UNREADABLE: ReadonlySet<GraphProblemCode> = new Set<GraphProblemCode>([
  'invalid-json',
  'unsupported-format',
  'unsupported-version',
  'schema',
  'too-large',
  'duplicate-id',
  'dangling-edge',
  'unknown-kind',
  'unknown-type',
  'unknown-handle',
]);

/** Whether a graph with this problem is still a draft (storable, not deployable). */
export const isDraftProblem = (problem: GraphProblem): boolean => !UNREADABLE.has(problem.code);
