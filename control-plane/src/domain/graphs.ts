import {
  validateGraph,
  validateGraphDraft,
  type GraphDocument,
  type GraphProblem,
} from '@inflow/shared-core';
import { z } from 'zod';
import { AppError, notFound } from '../app-error.js';
import type { Store } from '../data/store.js';
import { parseInput } from './parse-input.js';
import { positiveIntegerParam } from './query-params.js';
import { newId } from './secrets.js';

export interface GraphSummary {
  id: string;
  name: string;
  rev: number;
  updatedAt: string;
  /** The graph's running deployment and the rev it runs; absent when none runs. */
  running?: { deployment: string; rev: number };
}

const revSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
// Without its own message, a missing graph is zod's "expected nonoptional, received undefined".
const updateSchema = z.strictObject({
  rev: revSchema,
  graph: z.unknown().nonoptional('is missing: send {"rev": <rev>, "graph": {…}}'),
});

/** What a create or an update answers: the new rev, and what is left to fix before deploying. */
export interface SavedGraph {
  id: string;
  rev: number;
  problems: GraphProblem[];
}

/** The validated graph, ready to deploy, or a 422 that lists every problem. */
export function checkedGraph(input: unknown): GraphDocument {
  const result = validateGraph(input);
  if (result.ok) return result.graph;
  throw invalidGraph('the graph is not ready to deploy', result.problems);
}

/**
 * The graph as a draft: stored with what is left to fix (an unconnected input, a half-typed
 * expression), as Node-RED and NiFi keep unfinished flows; a 422 only when it is not a graph.
 */
function checkedDraft(input: unknown): { graph: GraphDocument; problems: GraphProblem[] } {
  const result = validateGraphDraft(input);
  if (result.ok) return result;
  throw invalidGraph('the graph is invalid', result.problems);
}

/** A 422 with every problem, its message naming the first. */
export function invalidGraph(what: string, problems: GraphProblem[]): AppError {
  const first = problems[0]?.message ?? 'unknown problem';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new AppError(422, `${what}: ${first}${more}`, { problems });
}

/** What is stored and exported: the validated document, so defaults are filled in. */
const serialise = (graph: GraphDocument): string => JSON.stringify(graph);

export async function createGraph(
  store: Store,
  input: unknown,
  now = Date.now(),
): Promise<SavedGraph> {
  const { graph, problems } = checkedDraft(input);
  const id = newId('g');
  await store.insertGraph({ id, name: graph.name, document: serialise(graph), at: now });
  return { id, rev: 1, problems };
}

/**
 * Replaces a graph with a new revision, if the caller's copy is still current (Node-RED's
 * optimistic concurrency): a stale `rev` is a 409 that says which rev is current.
 */
export async function updateGraph(
  store: Store,
  id: string,
  input: unknown,
  now = Date.now(),
): Promise<SavedGraph> {
  const { rev, graph: raw } = parseInput(updateSchema, input, 'graph update');
  if (!(await store.getGraph(id))) throw notFound('graph', id);
  const { graph, problems } = checkedDraft(raw);
  const result = await store.updateGraph({
    id,
    baseRev: rev,
    name: graph.name,
    document: serialise(graph),
    at: now,
  });
  switch (result.status) {
    case 'updated':
      return { id, rev: result.rev, problems };
    case 'stale':
      throw new AppError(
        409,
        `graph "${id}" is at rev ${result.currentRev}, but the update was based on rev ${rev}; ` +
          'fetch it again and reapply your change',
        { currentRev: result.currentRev },
      );
    case 'missing':
      throw notFound('graph', id);
  }
}

/** The stored JSON text of the current revision, or of `rev`. */
export async function getGraphDocument(
  store: Store,
  id: string,
  rev?: unknown,
): Promise<{ rev: number; document: string }> {
  const at = rev === undefined ? undefined : positiveIntegerParam(rev, 'rev');
  const found = await store.getGraph(id, at);
  if (found) return { rev: found.rev, document: found.document };
  if (at !== undefined && (await store.getGraph(id))) {
    throw new AppError(404, `graph "${id}" has no rev ${at}`);
  }
  throw notFound('graph', id);
}

/** Deletes a graph and its history; a graph with a running deployment is kept (409). */
export async function deleteGraph(store: Store, id: string): Promise<void> {
  const result = await store.deleteGraph(id);
  if (result.status === 'missing') throw notFound('graph', id);
  if (result.status === 'running') {
    throw new AppError(
      409,
      `graph "${id}" has running deployments (${result.deployments.join(', ')}); stop them first`,
      { deployments: result.deployments },
    );
  }
}

export async function listGraphs(store: Store): Promise<GraphSummary[]> {
  const running = new Map<string, { deployment: string; rev: number }>();
  // Listed oldest first, so a graph's newest running deployment is the one kept.
  for (const d of await store.listDeployments()) {
    if (d.status === 'running') running.set(d.graphId, { deployment: d.id, rev: d.rev });
  }
  return (await store.listGraphs()).map((g) => {
    const summary: GraphSummary = {
      id: g.id,
      name: g.name,
      rev: g.rev,
      updatedAt: new Date(g.updatedAt).toISOString(),
    };
    const deployment = running.get(g.id);
    return deployment ? { ...summary, running: deployment } : summary;
  });
}

export function checkGraph(input: unknown): { ok: boolean; problems: GraphProblem[] } {
  const result = validateGraph(input);
  return result.ok ? { ok: true, problems: [] } : { ok: false, problems: result.problems };
}
