import type { DeploymentView } from '@inflow/shared-core';
import { afterAll, describe, expect, it } from 'vitest';
import { serverWithSockets, type TestServer } from '../testing/test-server.js';
import { until } from '../testing/wire-agent.js';
import { ackedBy, hosts, movedGraph, replay } from './testing/late-deltas.js';
import { restartableSuite, type RestartableSuite } from './testing/restartable-suite.js';
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
    // Nothing left to wait for: `kept` was taken, `changed` refused for good.
    await until(() => !agent.draining.has(d1), 'the drain over');

    // The same state again (a retransmission, a replay) changes nothing: join is idempotent.
    agent.send('delta', replay(old, d1, 'kept', 900));
    await until(() => ackedBy(agent, 900), 'the ack of the replay');
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

/**
 * `moved` leaves `first` for a tier=b agent while `first` is offline with 7 it has not sent
 * (after 5 it has); then `moved` is redeployed. Returns the agents and the first deployment.
 */
async function movedThenReplaced(suite: SocketSuite, role: string) {
  const { value, createGraph, deploy } = api(suite.server);
  const first = await runtimeAgent(suite, `${role}a`, { role, batch: true });
  const graphId = await createGraph(movedGraph(role));
  const d1 = (await deploy(graphId, { rev: 1 })).body.deploymentId;
  await until(() => hosts(first, d1, 'moved'), 'the first agent holds it');
  const old = first.runtime(d1);
  old.update('moved', { op: 'increment', by: 5 });
  first.flush();
  await until(async () => (await value(d1, 'moved')) === 5, 'the first 5 at the hub');
  first.disconnect();
  old.update('moved', { op: 'increment', by: 7 }); // offline: owed, in its log

  const second = await runtimeAgent(suite, `${role}b`, { role, labels: { tier: 'b' } });
  await until(() => hosts(second, d1, 'moved'), 'moved placed again on the second agent');
  const replaced = await deploy(graphId, { rev: 1, replaces: d1 });
  expect(replaced.body.carried).toEqual(['kept', 'moved']);
  const d2 = replaced.body.deploymentId;
  expect(await value(d2, 'moved')).toBe(5);
  return { first, second, old, d1, d2 };
}

describe('late updates of a variable a re-placement had moved off the agent', () => {
  it('count once in the replacement: the agent held it under an earlier plan of the replaced deployment', async () => {
    const { value } = api(suite.server);
    const { first, second, old, d1, d2 } = await movedThenReplaced(suite, 'late-4');
    // Back: told to stop d1, it drains the 7 it owes, which d1's last plan did not give it.
    await first.connect();
    await until(async () => (await value(d2, 'moved')) === 12, 'the owed 7 in the replacement');
    await until(() => !first.draining.has(d1), 'the drain acknowledged');
    expect(first.refusals).toEqual([]);
    await until(() => second.runtime(d2).query('moved') === 12, 'relayed to the new host');

    first.send('delta', replay(old, d1, 'moved', 900));
    await until(() => ackedBy(first, 900), 'the ack of the replay');
    expect(await value(d2, 'moved')).toBe(12);
  });
});

describe('late updates after the control plane restarted', () => {
  const suites: RestartableSuite[] = [];
  afterAll(async () => {
    for (const s of suites) await s.dispose();
  });
  const ownSuite = async () => {
    const own = await restartableSuite();
    suites.push(own);
    return own;
  };

  it('still reach the replacement: what each step carries is worked out again from the stored revisions', async () => {
    const own = await ownSuite();
    const { createGraph, deploy } = api(own.server);
    const [away, staying] = await Promise.all([
      runtimeAgent(own, 'late-3a', { role: 'late-3', batch: true }),
      runtimeAgent(own, 'late-3b', { role: 'late-3' }),
    ]);
    const graphId = await createGraph(counters('late-3'));
    const d1 = (await deploy(graphId, { rev: 1 })).body.deploymentId;
    await until(() => runs(away, d1), 'it runs');
    away.disconnect();
    away.runtime(d1).update('kept', { op: 'increment', by: 3 });
    const d2 = (await deploy(graphId, { rev: 1, replaces: d1 })).body.deploymentId;
    staying.disconnect();

    const { value } = api(await own.restart());
    await away.connect();
    await until(async () => (await value(d2, 'kept')) === 3, 'the offline 3 in the replacement');
  });

  it("still take an earlier plan's host's deltas: the former hosts are stored with each plan", async () => {
    const own = await ownSuite();
    const { first, second, old, d1, d2 } = await movedThenReplaced(own, 'late-5');
    second.disconnect();

    const { value } = api(await own.restart());
    await first.connect();
    await until(async () => (await value(d2, 'moved')) === 12, 'the owed 7 in the replacement');
    await until(() => !first.draining.has(d1), 'the drain acknowledged');
    expect(first.refusals).toEqual([]);
    first.send('delta', replay(old, d1, 'moved', 900));
    await until(() => ackedBy(first, 900), 'the ack of the replay');
    expect(await value(d2, 'moved')).toBe(12);
  });
});
