import {
  isDraftProblem,
  validateGraph,
  type GraphDocument,
  type GraphProblem,
} from '@inflow/shared-core';
import { addEdge, type EdgeEnds } from './document-edits';
import { problemsOf } from './validation';

export type ConnectionVerdict =
  { ok: true; warnings: readonly string[] } | { ok: false; reason: string };

const problemKey = (p: GraphProblem) =>
  `${p.code}|${p.nodeId ?? ''}|${p.edgeId ?? ''}|${p.message}`;

/** "edge a-b: node `a` ..." reads oddly for an edge that does not exist yet. */
const withoutEdgePrefix = (message: string, edgeId: string) =>
  message.startsWith(`edge ${edgeId}: `) ? message.slice(`edge ${edgeId}: `.length) : message;

/** Why a wire between two handles of the same side cannot be: said before any port is checked. */
export function sameSideReason(
  a: { nodeId: string; id: string; type: 'source' | 'target' },
  b: { nodeId: string; id: string; type: 'source' | 'target' },
): string | undefined {
  if (a.type !== b.type) return undefined;
  const side = a.type === 'source' ? 'outputs' : 'inputs';
  return `\`${a.nodeId}.${a.id}\` and \`${b.nodeId}.${b.id}\` are both ${side}: a wire goes from an output (right) to an input (left)`;
}

const verdicts = new WeakMap<GraphDocument, Map<string, ConnectionVerdict>>();

/**
 * Whether the core would accept `doc` with the edge `ends` added. The core has no check for one
 * proposed edge, so this runs its validator on the graph with the edge and keeps what is new.
 * Problems of the edge itself (port types, a second edge into a single input), new cycles and
 * the graph's limits refuse the connection; problems a param change can fix (a trigger's op for its target) are
 * returned as warnings, since the user may be about to change the param.
 */
export function checkConnection(doc: GraphDocument, ends: EdgeEnds): ConnectionVerdict {
  const key = `${ends.source}\u0000${ends.sourceHandle}\u0000${ends.target}\u0000${ends.targetHandle}`;
  let cache = verdicts.get(doc);
  if (!cache) {
    cache = new Map();
    verdicts.set(doc, cache);
  }
  let verdict = cache.get(key);
  if (!verdict) {
    verdict = check(doc, ends);
    cache.set(key, verdict);
  }
  return verdict;
}

function check(doc: GraphDocument, ends: EdgeEnds): ConnectionVerdict {
  const duplicate = doc.edges.find(
    (e) =>
      e.source === ends.source &&
      e.sourceHandle === ends.sourceHandle &&
      e.target === ends.target &&
      e.targetHandle === ends.targetHandle,
  );
  if (duplicate) {
    return {
      ok: false,
      reason: `\`${ends.source}.${ends.sourceHandle}\` is already connected to \`${ends.target}.${ends.targetHandle}\` (edge ${duplicate.id})`,
    };
  }
  const { doc: candidate, id } = addEdge(doc, ends);
  const before = new Set(problemsOf(doc).map(problemKey));
  const after = validateGraph(candidate);
  if (after.ok) return { ok: true, warnings: [] };
  const added = after.problems.filter((p) => !before.has(problemKey(p)));
  const refusing = added.filter(
    (p) => (p.edgeId === id && p.nodeId === undefined) || p.code === 'cycle' || !isDraftProblem(p),
  );
  if (refusing.length > 0) {
    return { ok: false, reason: refusing.map((p) => withoutEdgePrefix(p.message, id)).join('; ') };
  }
  const warnings = added.filter((p) => p.edgeId === id).map((p) => p.message);
  return { ok: true, warnings };
}
