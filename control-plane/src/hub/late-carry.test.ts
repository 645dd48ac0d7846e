import { encodeState, type DeploymentView, type Runtime } from '@inflow/shared-core';
import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import {
  serverWithSockets,
  startTestServer,
  testSocket,
  withAdminToken,
  type TestServer,
} from '../testing/test-server.js';
import { until } from '../testing/wire-agent.js';
import { runtimeAgent, type RuntimeAgent, type SocketSuite } from './testing/runtime-agent.js';

const suite = serverWithSockets();

const at = (y: number) => ({ x: 0, y });

/** Two gcounters on every agent of `role`; `changed` of another type from rev 2 on, say. */
function counters(role: string, changed = 'gcounter') {
  const placement = { selector: { role }, each: true };
  return {
    format: 'inflow-graph',
    version: 1,
    name: `counters of ${role}`,
    nodes: [
      { id: 'kept', kind: 'variable', type: 'gcounter', params: {}, position: at(0), placement },
      { id: 'changed', kind: 'variable', type: changed, params: {}, position: at(100), placement },
    ],
    edges: [],
  };
}

async function json<T>(res: Promise<Response>): Promise<{ status: number; body: T }> {
  const r = await res;
  return { status: r.status, body: (await r.json()) as T };
}

function api(server: TestServer) {
  const view = async (id: string) =>
    (await json<DeploymentView>(server.api(`/api/deployments/${id}`))).body;
  return {
    view,
    value: async (id: string, variable: string) => (await view(id)).variables[variable]?.value,
    createGraph: async (doc: unknown) =>
      (await json<{ id: string }>(server.send('POST', '/api/graphs', doc))).body.id,
    save: (graphId: string, rev: number, graph: unknown) =>
      server.send('PUT', `/api/graphs/${graphId}`, { rev, graph }),
    deploy: (graphId: string, body: unknown) =>
      json<{ deploymentId: string; carried?: string[]; reset?: Array<{ variable: string }> }>(
        server.send('POST', `/api/graphs/${graphId}/deploy`, body),
      ),
  };
}

/** The delta that carries a replica's whole state of a variable: a replay of everything. */
const replay = (runtime: Runtime, deployment: string, variable: string, seq: number) => {
  const type = runtime.typeOf(variable);
  if (!type) throw new Error(`${variable} has no type`);
  return { deployment, variable, seq, delta: encodeState(type, runtime.state(variable)) };
};

const runs = (agent: RuntimeAgent, deployment: string) => agent.runners.has(deployment);

describe('late updates of a replaced deployment', () => {
  it('count once in the replacement when they reach the hub after the redeploy; a variable whose type changed gets none', async () => {
    const { view, value, createGraph, save, deploy } = api(suite.server);
    const agent = await runtimeAgent(suite, 'late-1', { role: 'late-1', batch: true });
    const stranger = await runtimeAgent(suite, 'late-1x', { role: 'other' });
    const graphId = await createGraph(counters('late-1'));
    const d1 = (await deploy(graphId, { rev: 1 })).body.deploymentId;
    await until(() => runs(agent, d1), 'the agent runs it');
    const old = agent.runtime(d1);
    old.update('kept', { op: 'increment', by: 5 });
    agent.flush();
    await until(async () => (await value(d1, 'kept')) === 5, 'the first 5 at the hub');

    // Counted, and held back by the agent's batching when the redeploy happens.
    old.update('kept', { op: 'increment', by: 7 });
    old.update('changed', { op: 'increment', by: 3 });
    await save(graphId, 1, counters('late-1', 'pncounter'));
    const second = await deploy(graphId, { rev: 2, replaces: d1 });
    expect(second.status).toBe(202);
    expect(second.body.carried).toEqual(['kept']);
    expect(second.body.reset?.map((r) => r.variable)).toEqual(['changed']);
    const d2 = second.body.deploymentId;

    await until(async () => (await value(d2, 'kept')) === 12, 'the late 7 in the replacement');
    await until(() => runs(agent, d2), 'the agent runs the replacement');
    await until(
      () => agent.runtime(d2).query('kept') === 12,
      "the replacement's replica at the agent has it",
    );
    await until(() => agent.refusals.some((r) => r.code === 'not-carried'), 'the refusal');
    expect(agent.refusals.find((r) => r.code === 'not-carried')?.reason).toBe(
      `changed of ${d1} was not carried into ${d2}, where it started empty: the late update is dropped`,
    );
    expect(await value(d2, 'changed')).toBe(0);
    expect(agent.draining.has(d1)).toBe(true);

    // The same state again (a retransmission, a replay) changes nothing: join is idempotent.
    agent.send('delta', replay(old, d1, 'kept', 900));
    await until(
      () =>
        agent.heard.some((m) => m.event === 'ack' && 'seq' in m.message && m.message.seq === 900),
      'the ack of the replay',
    );
    expect(await value(d2, 'kept')).toBe(12);
    // An agent that held no replica of it in the old deployment may not add to it.
    stranger.send('delta', replay(old, d1, 'kept', 901));
    await until(() => stranger.refusals.length > 0, "the stranger's refusal");
    expect(stranger.refusals[0]).toMatchObject({ event: 'delta', code: 'not-hosted' });

    const [before, after] = [await view(d1), await view(d2)];
    expect([before.status, before.replacedBy, before.replaces]).toEqual(['stopped', d2, undefined]);
    expect([after.status, after.replaces, after.replacedBy]).toEqual(['running', d1, undefined]);
    // What the old deployment stopped with stays as it was.
    expect(before.variables.kept?.value).toBe(5);
  });

  it('reach the newest deployment of a chain when an agent that was offline comes back', async () => {
    const { value, createGraph, deploy } = api(suite.server);
    const [away, staying] = await Promise.all([
      runtimeAgent(suite, 'late-2a', { role: 'late-2', batch: true }),
      runtimeAgent(suite, 'late-2b', { role: 'late-2' }),
    ]);
    const graphId = await createGraph(counters('late-2'));
    const d1 = (await deploy(graphId, { rev: 1 })).body.deploymentId;
    await until(() => runs(away, d1) && runs(staying, d1), 'both run it');
    away.runtime(d1).update('kept', { op: 'increment', by: 4 });
    away.flush();
    await until(async () => (await value(d1, 'kept')) === 4, '4 at the hub');

    away.disconnect();
    away.runtime(d1).update('kept', { op: 'increment', by: 6 }); // offline: kept in its log
    const d2 = (await deploy(graphId, { rev: 1, replaces: d1 })).body.deploymentId;
    const d3 = (await deploy(graphId, { rev: 1, replaces: d2 })).body.deploymentId;
    expect(await value(d3, 'kept')).toBe(4);

    // It reports d1 as held; the hub unassigns it, and the agent drains it into d3.
    await away.connect();
    await until(async () => (await value(d3, 'kept')) === 10, 'the offline 6 in the newest');
    expect(await value(d2, 'kept')).toBe(4);
    await until(() => runs(staying, d3) && staying.runtime(d3).query('kept') === 10, 'relayed');
    await until(() => !away.draining.has(d1), 'the drain acknowledged');

    // Once the chain's last deployment is stopped for good, nothing takes its late updates.
    const last = replay(staying.runtime(d3), d1, 'kept', 902);
    await suite.server.api(`/api/deployments/${d3}`, { method: 'DELETE' });
    staying.send('delta', last);
    await until(() => staying.refusals.length > 0, 'the refusal');
    expect(staying.refusals[0]).toMatchObject({ event: 'delta', code: 'wrong-deployment' });
  });
});

describe('late updates after the control plane restarted', () => {
  const sockets: Socket[] = [];
  let server: TestServer | undefined;
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.dispose();
  });

  it('still reach the replacement: what each step carries is worked out again from the stored revisions', async () => {
    server = await startTestServer(withAdminToken);
    const rig: SocketSuite = {
      get server() {
        return server as TestServer;
      },
      open: (namespace, auth, url) => {
        const s = testSocket(url ?? rig.server.url, namespace, auth);
        sockets.push(s);
        return s;
      },
    };
    const { createGraph, deploy } = api(server);
    const [away, staying] = await Promise.all([
      runtimeAgent(rig, 'late-3a', { role: 'late-3', batch: true }),
      runtimeAgent(rig, 'late-3b', { role: 'late-3' }),
    ]);
    const graphId = await createGraph(counters('late-3'));
    const d1 = (await deploy(graphId, { rev: 1 })).body.deploymentId;
    await until(() => runs(away, d1), 'it runs');
    away.disconnect();
    away.runtime(d1).update('kept', { op: 'increment', by: 3 });
    const d2 = (await deploy(graphId, { rev: 1, replaces: d1 })).body.deploymentId;
    staying.disconnect();

    server = await server.restart();
    const { value } = api(server);
    await away.connect(server.url);
    await until(async () => (await value(d2, 'kept')) === 3, 'the offline 3 in the replacement');
  });
});
