import {
  carriedVariables,
  validateGraph,
  type DeploymentSnapshot,
  type GraphDocument,
  type PlacementPlan,
} from '@inflow/shared-core';
import { ApiClient } from '../api/api-client';
import { TOKEN_KEY } from '../store/session-slice';
import { json, memoryStorage, testStore, type RecordedRequest } from '../store/test-store';
import type { DeploymentView } from '@inflow/shared-core';
import { LiveApi, type AgentInfo } from './live-api';
import type { LiveLink } from './live-link';
import { createLiveStore } from './live-store';

export const TOKEN = 'admin-token-0123456789';

export const PLAN: PlacementPlan = {
  nodes: { removeAd: ['server-1'], gameClients: ['client-1', 'client-2'] },
  variables: { impressions: ['client-1', 'client-2', 'server-1'], contracts: [] },
  explanations: {},
  rates: {},
  traffic: 0,
};

/** A stored revision as the control plane reads it back: validated. */
function stored(revs: readonly string[], rev: number): GraphDocument {
  const checked = validateGraph(JSON.parse(revs[rev - 1] ?? 'null'));
  if (!checked.ok) throw new Error(`rev ${rev} does not validate`);
  return checked.graph;
}

/** What the fake answers to a deploy: the plan, or an error status with its body. */
export type DeployAnswer = { status: 202 } | { status: number; body: Record<string, unknown> };

/**
 * A control plane in memory, enough for the live half: graphs with revisions (and `?rev=`),
 * deploy (in place of a running deployment too, answering what it kept with the real
 * `carriedVariables`, and linking the two by `replaces` / `replacedBy`), deployments, stop, ops
 * and agents. Tests change `deployAnswer` and read `requests`.
 */
export function fakeControlPlane() {
  const graphs = new Map<string, string[]>();
  const deployments: DeploymentView[] = [];
  const agents: AgentInfo[] = ['client-1', 'client-2', 'server-1'].map((name) => ({
    id: `agt_${name}`,
    name,
    labels: { role: name.startsWith('client') ? 'client' : 'server' },
    trusted: name === 'server-1',
    online: true,
    lastSeen: new Date(0).toISOString(),
    assigned: [],
  }));
  let deployAnswer: DeployAnswer = { status: 202 };
  let opsAnswer: { status: number; body: unknown } = {
    status: 202,
    body: { appliedAt: 'hub', applied: 1 },
  };
  let next = 1;

  const addDeployment = (
    graphId: string,
    rev: number,
    status: DeploymentView['status'] = 'running',
  ) => {
    const d: DeploymentView = {
      id: `d_${next++}`,
      graphId,
      rev,
      status,
      version: 1,
      createdAt: new Date(Date.UTC(2030, 0, 1, 0, 0, next)).toISOString(),
      placement: PLAN,
      problems: [],
      variables: {},
      local: {},
      sinks: {},
      agents: [],
      effects: [],
    };
    deployments.push(d);
    return d;
  };

  const respond = (req: RecordedRequest): Response => {
    const [path = '', query = ''] = req.url.split('?');
    const graph = /^\/api\/graphs(?:\/([^/]+))?(\/deploy)?$/.exec(path);
    const deployment = /^\/api\/deployments(?:\/([^/]+))?(?:\/variables\/([^/]+)\/ops)?$/.exec(
      path,
    );
    if (graph?.[2] && req.method === 'POST') {
      const revs = graphs.get(graph[1] ?? '');
      if (!revs) return json(404, { error: 'no graph' });
      if (deployAnswer.status !== 202 && 'body' in deployAnswer) {
        return json(deployAnswer.status, deployAnswer.body);
      }
      const { rev, replaces } = req.body as { rev: number; replaces?: string };
      const graphId = graph[1] ?? '';
      if (replaces === undefined) {
        // As the control plane: a graph runs once; a deploy takes over by naming what runs.
        const running = deployments.find((x) => x.graphId === graphId && x.status === 'running');
        if (running) {
          const error = `graph "${graphId}" already runs as deployment "${running.id}"`;
          return json(409, { error, running: running.id });
        }
        const d = addDeployment(graphId, rev);
        return json(202, { deploymentId: d.id, version: 1, placement: PLAN });
      }
      const old = deployments.find((x) => x.id === replaces);
      if (!old || old.graphId !== graphId) {
        return json(422, { error: `replaces: no deployment "${replaces}" of ${graphId}` });
      }
      if (old.status !== 'running') {
        return json(409, { error: `replaces: deployment "${replaces}" is stopped`, replaces });
      }
      const carry = carriedVariables(stored(revs, old.rev), stored(revs, rev));
      const { carried, reset, resetLocal } = carry;
      // Every agent the plan gives a local variable held it before: the plan never changes here.
      const carriedLocal = carry.carriedLocal.map((variable) => ({
        variable,
        keptBy: PLAN.variables[variable] ?? [],
        emptyOn: [],
      }));
      old.status = 'stopped';
      const d = addDeployment(graphId, rev);
      d.replaces = old.id;
      old.replacedBy = d.id;
      const answer = { carried, reset, carriedLocal, resetLocal };
      return json(202, { deploymentId: d.id, version: 1, placement: PLAN, ...answer });
    }
    if (graph) {
      const id = graph[1];
      if (req.method === 'POST' && id === undefined) {
        const gid = `g_${next++}`;
        graphs.set(gid, [JSON.stringify(req.body)]);
        return json(201, { id: gid, rev: 1 });
      }
      const revs = graphs.get(id ?? '');
      if (!revs) return json(404, { error: `no graph ${id}` });
      if (req.method === 'PUT') {
        const { rev, graph: doc } = req.body as { rev: number; graph: unknown };
        if (rev !== revs.length) return json(409, { error: 'stale', currentRev: revs.length });
        revs.push(JSON.stringify(doc));
        return json(200, { id, rev: revs.length });
      }
      const rev = /rev=(\d+)/.exec(query)?.[1];
      const at = rev === undefined ? revs.length : Number(rev);
      const text = revs[at - 1];
      if (text === undefined) return json(404, { error: `no rev ${at}` });
      return new Response(text, { status: 200, headers: { 'Inflow-Rev': String(at) } });
    }
    if (path === '/api/agents') return json(200, agents);
    if (deployment) {
      const [, id, variable] = deployment;
      if (id === undefined) return json(200, deployments);
      const d = deployments.find((x) => x.id === id);
      if (!d) return json(404, { error: `no deployment ${id}` });
      if (variable !== undefined) return json(opsAnswer.status, opsAnswer.body);
      if (req.method === 'DELETE') {
        if (d.status === 'stopped') return json(409, { error: 'already stopped' });
        d.status = 'stopped';
        return new Response(null, { status: 204 });
      }
      return json(200, d);
    }
    return json(404, { error: 'no route' });
  };

  return {
    graphs,
    deployments,
    agents,
    respond,
    addDeployment,
    setDeployAnswer: (a: DeployAnswer) => void (deployAnswer = a),
    setOpsAnswer: (status: number, body: unknown) => void (opsAnswer = { status, body }),
  };
}

/** A link that records what is watched and answers with a snapshot the test chose. */
export function fakeLink(snapshotOf: (id: string) => DeploymentSnapshot) {
  const watched: string[] = [];
  const unwatched: string[] = [];
  const link: LiveLink = {
    watch: async (id) => {
      watched.push(id);
      return snapshotOf(id);
    },
    unwatch: (id) => void unwatched.push(id),
  };
  return { link, watched, unwatched };
}

export function snapshotFor(
  id: string,
  online: readonly string[],
  version = 1,
  variables: DeploymentSnapshot['variables'] = {},
  local: DeploymentSnapshot['local'] = {},
  sinks: DeploymentSnapshot['sinks'] = {},
): DeploymentSnapshot {
  return {
    deployment: id,
    status: 'running',
    version,
    variables,
    local,
    sinks,
    agents: ['client-1', 'client-2', 'server-1'].map((name) => ({
      name,
      online: online.includes(name),
      nodes: [],
      opsPerSecond: 0,
      unacked: 0,
    })),
  };
}

/** A signed-in editor store and a live store, both talking to one fake control plane. */
export function liveTestRig() {
  const server = fakeControlPlane();
  /** While false, every request fails as a fetch to a control plane that is down does. */
  const reachable = { up: true };
  const {
    store: editor,
    requests,
    clock,
    fetch,
  } = testStore({
    respond: (req) => {
      if (!reachable.up) throw new TypeError('Failed to fetch');
      return req.headers.Authorization === `Bearer ${TOKEN}`
        ? server.respond(req)
        : json(401, { error: 'no token' });
    },
    storage: memoryStorage({ [TOKEN_KEY]: TOKEN }),
  });
  const api = new LiveApi(new ApiClient({ fetch, token: () => editor.getState().token }));
  const live = createLiveStore({ editor, api, now: () => clock.now });
  return { server, editor, live, api, requests, clock, reachable };
}

/** Lets every pending promise callback run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
