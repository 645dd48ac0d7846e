import type {
  DeployAnswer,
  DeploymentSummary,
  DeploymentView,
  GraphDocument,
  Operation,
  PlacementPlan,
} from '@inflow/shared-core';
import { z } from 'zod';
import { AppError, notFound } from '../app-error.js';
import type { Store } from '../data/store.js';
import { deploymentView } from '../hub/deployment-view.js';
import { HUB_REPLICA, type Hub } from '../hub/hub.js';
import { checkedGraph, createGraph, invalidGraph } from './graphs.js';
import { parseInput } from './parse-input.js';
import { newId } from './secrets.js';
import { validateGraph } from '@inflow/shared-core';

const deploySchema = z.strictObject({
  rev: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  replaces: z.string().min(1).max(128).optional(),
});
const operation = z.looseObject({ op: z.string().min(1).max(64) });
const agentField = z.string().min(1).max(64).optional();
/** One operation, or a batch applied in order (how a script drives thousands of impressions). */
const oneOpSchema = z.strictObject({ op: operation, agent: agentField });
const batchSchema = z.strictObject({
  ops: z.array(operation).min(1).max(10_000),
  agent: agentField,
});
// Picked by the body's keys rather than a z.union, whose refusal says only "Invalid input".
const opsSchemaFor = (input: unknown) =>
  typeof input === 'object' && input !== null && 'ops' in input ? batchSchema : oneOpSchema;

/**
 * Deploys revision `rev` of a graph (the one the caller's editor shows): stale revisions are a
 * 409, a graph no connected agent can run a 422 naming each node and constraint. With `replaces`
 * (a running deployment of the same graph) the new deployment starts from that one's state of
 * every variable that did not change, and it stops; without it, a graph that runs already is a
 * 409 naming the deployment that runs.
 */
export async function deployGraph(
  store: Store,
  hub: Hub,
  graphId: string,
  input: unknown,
  now = Date.now(),
): Promise<DeployAnswer> {
  const { rev, replaces } = parseInput(deploySchema, input, 'deploy request');
  const current = await store.getGraph(graphId);
  if (!current) throw notFound('graph', graphId);
  if (current.rev !== rev) {
    throw new AppError(
      409,
      `graph "${graphId}" is at rev ${current.rev}, but the deploy was based on rev ${rev}; ` +
        'reload it and deploy again',
      { currentRev: current.rev },
    );
  }
  const checked = validateGraph(JSON.parse(current.document));
  if (!checked.ok) {
    throw invalidGraph(`rev ${rev} of the graph is not ready to deploy`, checked.problems);
  }
  refuseEmpty(checked.graph);
  if (replaces !== undefined) await checkReplaceable(store, hub, graphId, replaces);
  const running = hub.runningOf(graphId).find((id) => id !== replaces);
  if (running !== undefined) throw alreadyRunning(graphId, running);
  const placement = placeOrExplain(hub, checked.graph, graphId);
  return startDeployment(hub, graphId, rev, checked.graph, placement, now, replaces);
}

const notRunning = (id: string) =>
  new AppError(
    409,
    `replaces: deployment "${id}" is stopped, so there is no running state to carry over; ` +
      'deploy without replaces',
    { replaces: id },
  );

const alreadyRunning = (graphId: string, running: string) =>
  new AppError(
    409,
    `graph "${graphId}" already runs as deployment "${running}": pass "replaces": "${running}" ` +
      'to take over from it (keeping the state of what did not change), or stop it first',
    { running },
  );

/** `replaces` must name a running deployment of the graph being deployed. */
async function checkReplaceable(store: Store, hub: Hub, graphId: string, id: string) {
  const record = hub.running(id)?.info ?? (await store.getDeployment(id));
  if (!record) throw new AppError(422, `replaces: there is no deployment "${id}"`);
  if (record.graphId !== graphId) {
    throw new AppError(
      422,
      `replaces: deployment "${id}" runs graph "${record.graphId}", not "${graphId}"`,
    );
  }
  if (!hub.running(id)) throw notRunning(id);
}

/** Starts a validated, placed graph revision on its agents, in place of `replaces` if given. */
async function startDeployment(
  hub: Hub,
  graphId: string,
  rev: number,
  graph: GraphDocument,
  placement: PlacementPlan,
  now: number,
  replaces?: string,
): Promise<DeployAnswer> {
  const started = await hub.start(
    {
      id: newId('d'),
      graphId,
      rev,
      status: 'running',
      version: 1,
      placement: JSON.stringify(placement),
      createdAt: now,
      updatedAt: now,
      ...(replaces === undefined ? {} : { replaces }),
    },
    graph,
  );
  // Stopped, or deployed, by someone else since it was checked.
  if ('refused' in started) {
    throw started.refused === 'graph-running'
      ? alreadyRunning(graphId, started.running)
      : notRunning(replaces ?? '');
  }
  const { live, carry, copies } = started;
  const deployed = { deploymentId: live.id, version: live.version, placement: live.plan };
  if (!carry) return deployed;
  const { carried, reset, resetLocal } = carry;
  return { ...deployed, carried, reset, carriedLocal: copies, resetLocal };
}

/**
 * Stores a graph document as a new graph and deploys its first revision: the one-request path
 * for scripts (`curl --data @examples/ad-counter.json`).
 */
export async function deployDocument(
  store: Store,
  hub: Hub,
  input: unknown,
  now = Date.now(),
): Promise<{ deploymentId: string; graphId: string; version: number }> {
  const graph = checkedGraph(input);
  refuseEmpty(graph);
  // Placed before it is stored, so a graph nobody can run leaves nothing behind.
  const placement = placeOrExplain(hub, graph);
  const { id, rev } = await createGraph(store, graph, now);
  const deployed = await startDeployment(hub, id, rev, graph, placement, now);
  return { deploymentId: deployed.deploymentId, graphId: id, version: deployed.version };
}

/** A graph without nodes would run nothing anywhere, yet read as a running deployment. */
function refuseEmpty(graph: GraphDocument): void {
  if (graph.nodes.length > 0) return;
  throw new AppError(
    422,
    'the graph has no nodes, so there is nothing to deploy: add a variable (and what feeds it) first',
  );
}

/** A graph id not stored yet has no running deployment to take measured rates from. */
function placeOrExplain(hub: Hub, graph: GraphDocument, graphId = ''): PlacementPlan {
  const placed = hub.place(graph, graphId);
  if (placed.ok) return placed.placement;
  const [first, ...more] = placed.problems;
  const message = placed.problems.every((p) => p.constraint === 'no-agents')
    ? 'cannot place the graph: no agent is connected; start one and deploy again'
    : `cannot place the graph on the agents connected now: ${first?.message ?? ''}` +
      (more.length > 0 ? ` (and ${more.length} more)` : '');
  throw new AppError(422, message, { problems: placed.problems });
}

export async function getDeployment(store: Store, hub: Hub, id: string): Promise<DeploymentView> {
  const live = hub.running(id);
  if (live) return deploymentView(hub, live, 'running');
  const record = await store.getDeployment(id);
  if (!record) throw notFound('deployment', id);
  return deploymentView(hub, await hub.open(record), record.status);
}

export async function listDeployments(store: Store): Promise<DeploymentSummary[]> {
  return (await store.listDeployments()).map((d) => ({
    id: d.id,
    graphId: d.graphId,
    rev: d.rev,
    status: d.status,
    version: d.version,
    createdAt: new Date(d.createdAt).toISOString(),
  }));
}

export async function stopDeployment(store: Store, hub: Hub, id: string): Promise<void> {
  const record = await store.getDeployment(id);
  if (!record) throw notFound('deployment', id);
  if (record.status === 'stopped') throw new AppError(409, `deployment "${id}" is already stopped`);
  await hub.stop(id);
}

/**
 * Applies an operation to a variable: at the hub's replica, or at one agent's (the only place for
 * a variable local to each agent). Answered once the operation is durable there (in the hub's
 * store, or in the agent's log).
 */
export async function applyOperation(
  store: Store,
  hub: Hub,
  id: string,
  variable: string,
  input: unknown,
): Promise<{ appliedAt: string; applied: number }> {
  const request = parseInput(opsSchemaFor(input), input, 'operation');
  const live = hub.running(id);
  if (!live) {
    if (await store.getDeployment(id)) throw new AppError(409, `deployment "${id}" is stopped`);
    throw notFound('deployment', id);
  }
  const type = live.types.get(variable) ?? live.localTypes.get(variable);
  if (!type) {
    throw new AppError(404, `deployment "${id}" has no variable "${variable}" to update`);
  }
  // Every operation is checked before any is applied, so a bad batch changes nothing.
  const ops = ('ops' in request ? request.ops : [request.op]).map((op, i) => {
    const checked = type.opSchema.safeParse(op);
    if (checked.success) return checked.data as Operation;
    const problem = checked.error.issues[0];
    const where = 'ops' in request ? `ops[${i}]` : 'op';
    throw new AppError(
      422,
      `${where} is not an operation of ${type.name}: ` +
        (problem ? `${problem.path.join('.') || 'op'}: ${problem.message}` : 'invalid'),
    );
  });
  const { agent } = request;
  if (agent === undefined && live.localTypes.has(variable)) {
    throw new AppError(
      422,
      `"${variable}" is local to each agent that holds it (dynamic), so the hub has no copy: ` +
        `name the agent to apply the operation at`,
    );
  }
  if (agent === undefined) {
    for (const op of ops) {
      const result = live.room.update(variable, op, HUB_REPLICA);
      if (!result.ok) throw new AppError(result.code === 'store-failed' ? 503 : 422, result.reason);
    }
    await new Promise<void>((resolve, reject) =>
      live.room.afterStored(variable, (error) =>
        error ? reject(new AppError(503, `${variable}: ${error.message}`)) : resolve(),
      ),
    );
    return { appliedAt: 'hub', applied: ops.length };
  }
  const port = hub.port(agent);
  if (!port) throw await notConnected(store, agent);
  const share = live.shareOf(agent);
  if (!share?.variables.includes(variable)) {
    throw new AppError(
      422,
      `agent "${agent}" holds no replica of "${variable}" in this deployment`,
    );
  }
  const results = await Promise.all(
    ops.map((op) => port.apply({ deployment: id, variable, op: op as Operation & { op: string } })),
  );
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) {
    throw new AppError(422, `agent "${agent}" refused the operation: ${failed.error}`);
  }
  return { appliedAt: agent, applied: ops.length };
}

/** Why an operation cannot reach `agent`: it is offline (409), or no agent has that name (422). */
async function notConnected(store: Store, agent: string): Promise<AppError> {
  const known = (await store.listAgents()).some((a) => a.name === agent);
  if (known) return new AppError(409, `agent "${agent}" is not connected`);
  return new AppError(
    422,
    `agent: there is no agent named "${agent}" (none of that name has ever connected); ` +
      'GET /api/agents lists them',
  );
}
