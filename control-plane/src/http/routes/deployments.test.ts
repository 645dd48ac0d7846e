import {
  crdtType,
  decodeState,
  encodeState,
  replicaIdOf,
  type Assignment,
  type DeltaMessage,
  type DeploymentSummary,
} from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { readExample, serverWithSockets, within } from '../../testing/test-server.js';
import { connectWireAgent, until } from '../../testing/wire-agent.js';

const suite = serverWithSockets();
const wireAgent = (name: string, role: string, trusted = false) =>
  connectWireAgent(suite, name, role, trusted);

async function postGraph(): Promise<{ id: string; rev: number }> {
  const graph = await readExample('ad-counter.json');
  return (await (await suite.server.send('POST', '/api/graphs', graph)).json()) as {
    id: string;
    rev: number;
  };
}

interface AgentRow {
  name: string;
  online: boolean;
}

const deploy = (graphId: string, body: unknown) =>
  suite.server.send('POST', `/api/graphs/${graphId}/deploy`, body);

describe('deploying a graph', () => {
  it('refuses an unknown graph, a stale rev, a malformed body, and a graph no agent can run', async () => {
    const { id } = await postGraph();
    expect((await deploy('g_nope', { rev: 1 })).status).toBe(404);
    const stale = await deploy(id, { rev: 2 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ currentRev: 1 });
    const malformed = await deploy(id, { rev: 'one' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toContain('rev');
    const unplaceable = await deploy(id, { rev: 1 });
    expect(unplaceable.status).toBe(422);
    const body = (await unplaceable.json()) as {
      error: string;
      problems: Array<{ nodeId: string; constraint: string }>;
    };
    // No agent is connected here, so the refusal says that rather than blaming a hint.
    expect(body.error).toBe(
      'cannot place the graph: no agent is connected; start one and deploy again',
    );
    expect(body.problems.map((p) => p.nodeId)).toContain('removeAd');
    expect(new Set(body.problems.map((p) => p.constraint))).toEqual(new Set(['no-agents']));
    expect(await (await suite.server.api('/api/deployments')).json()).toEqual([]);
  });

  it('refuses a draft, stored or posted whole, and says what is left to fix', async () => {
    const draft = (await readExample('ad-counter.json')) as { edges: { target: string }[] };
    draft.edges = draft.edges.filter((e) => e.target !== 'adsWithContracts');
    const created = await suite.server.send('POST', '/api/graphs', draft);
    const { id } = (await created.json()) as { id: string };
    const graphsBefore = await (await suite.server.api('/api/graphs')).json();
    for (const res of [
      await deploy(id, { rev: 1 }),
      await suite.server.send('POST', '/api/deployments', draft),
    ]) {
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: string; problems: { code: string }[] };
      expect(body.error).toMatch(/not ready to deploy: node `adsWithContracts`/);
      expect(body.problems.map((p) => p.code)).toEqual(['unconnected-input']);
    }
    expect(await (await suite.server.api('/api/graphs')).json()).toEqual(graphsBefore);
    expect(await (await suite.server.api('/api/deployments')).json()).toEqual([]);
  });

  it('refuses a graph without nodes, stored or posted whole: it would run nothing', async () => {
    await wireAgent('client-9', 'client');
    const empty = { ...((await readExample('ad-counter.json')) as object), nodes: [], edges: [] };
    const { id } = (await (await suite.server.send('POST', '/api/graphs', empty)).json()) as {
      id: string;
    };
    const graphsBefore = await (await suite.server.api('/api/graphs')).json();
    for (const res of [
      await deploy(id, { rev: 1 }),
      await suite.server.send('POST', '/api/deployments', empty),
    ]) {
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({
        error:
          'the graph has no nodes, so there is nothing to deploy: ' +
          'add a variable (and what feeds it) first',
      });
    }
    expect(await (await suite.server.api('/api/graphs')).json()).toEqual(graphsBefore);
    expect(await (await suite.server.api('/api/deployments')).json()).toEqual([]);
  });

  it('tells an agent that never joined from one that is offline when an operation names it', async () => {
    const [client] = await Promise.all([
      wireAgent('client-5', 'client'),
      wireAgent('server-5', 'server', true),
    ]);
    const { id: graphId, rev } = await postGraph();
    const { deploymentId } = (await (await deploy(graphId, { rev })).json()) as {
      deploymentId: string;
    };
    const impression = (agent: string) =>
      suite.server.send('POST', `/api/deployments/${deploymentId}/variables/impressions/ops`, {
        op: { op: 'apply', key: 'rovio-1', inner: { op: 'increment' } },
        agent,
      });
    const nobody = await impression('nobody');
    expect(nobody.status).toBe(422);
    expect(await nobody.json()).toEqual({
      error:
        'agent: there is no agent named "nobody" (none of that name has ever connected); ' +
        'GET /api/agents lists them',
    });
    client.socket.disconnect();
    const online = async () =>
      ((await (await suite.server.api('/api/agents')).json()) as AgentRow[]).find(
        (a) => a.name === 'client-5',
      )?.online;
    await until(async () => (await online()) === false, 'client-5 offline');
    const offline = await impression('client-5');
    expect(offline.status).toBe(409);
    expect(await offline.json()).toEqual({ error: 'agent "client-5" is not connected' });
    await suite.server.api(`/api/deployments/${deploymentId}`, { method: 'DELETE' });
  });

  it('assigns each agent its share, relays deltas to the rooms that host them, and stops', async () => {
    const [c1, c2, server] = await Promise.all([
      wireAgent('client-1', 'client'),
      wireAgent('client-2', 'client'),
      wireAgent('server-1', 'server', true),
    ]);
    const { id: graphId, rev } = await postGraph();
    const deployed = await deploy(graphId, { rev });
    expect(deployed.status).toBe(202);
    const { deploymentId } = (await deployed.json()) as { deploymentId: string };
    await until(
      () => [c1, c2, server].every((a) => a.assignments.length === 1),
      'three assignments',
    );
    const serverShare = server.assignments[0] as Assignment;
    expect(serverShare.nodes).toEqual([
      'ads',
      'adsContracts',
      'adsLog',
      'adsWithContracts',
      'removeAd',
    ]);
    expect(serverShare.replica).toBe(replicaIdOf('server-1', 'test'));
    expect(c2.assignments[0]?.nodes).toEqual(['gameClients']);
    expect(c2.assignments[0]?.variables).toEqual(['impressions']);

    // An operation at the hub reaches the agents in the room of that variable, and no others.
    const ad = { id: 'rovio-1', advertiser: 'Rovio' };
    const op = await suite.server.send(
      'POST',
      `/api/deployments/${deploymentId}/variables/rovioAds/ops`,
      { op: { op: 'add', value: ad } },
    );
    expect(op.status).toBe(202);
    await until(() => server.deltas.some((d) => d.variable === 'rovioAds'), 'the rovioAds delta');
    expect(c2.deltas.filter((d) => d.variable === 'rovioAds')).toEqual([]);

    // A client's impression goes to the other members of the room, never back to its sender.
    const gmap = crdtType({ name: 'gmap', value: { name: 'gcounter' } });
    const delta = gmap.mutate(
      gmap.bottom(),
      { op: 'apply', key: 'rovio-1', inner: { op: 'increment' } } as { op: string },
      c2.assignments[0]?.replica as string,
    );
    c2.socket.emit('delta', {
      deployment: deploymentId,
      variable: 'impressions',
      seq: 1,
      delta: encodeState(gmap, delta),
    });
    await until(
      () => server.deltas.some((d) => d.variable === 'impressions') || c2.refusals.length > 0,
      'the relay',
    );
    expect(c2.refusals).toEqual([]);
    const relayed = server.deltas.find((d) => d.variable === 'impressions') as DeltaMessage;
    const decoded = decodeState(gmap, new Uint8Array(relayed.delta));
    expect(decoded.ok && gmap.query(decoded.value)).toEqual({ 'rovio-1': 1 });
    expect(c2.deltas.filter((d) => d.variable === 'impressions')).toEqual([]);

    const view = (await (await suite.server.api(`/api/deployments/${deploymentId}`)).json()) as {
      status: string;
      placement: {
        nodes: Record<string, string[]>;
        explanations: Record<string, { summary: string }>;
      };
      variables: Record<string, { value: unknown; replicas: number }>;
      agents: Array<{ name: string }>;
    };
    expect(view.status).toBe('running');
    expect(view.placement.nodes.removeAd).toEqual(['server-1']);
    expect(view.placement.explanations.adsContracts?.summary).toMatch(/^on server-1: least/);
    expect(view.variables.impressions?.value).toEqual({ 'rovio-1': 1 });
    expect(view.variables.rovioAds?.value).toEqual([ad]);
    expect(view.variables.impressions?.replicas).toBe(4);

    const listed = async () =>
      ((await (await suite.server.api('/api/graphs')).json()) as { id: string }[]).find(
        (g) => g.id === graphId,
      );
    expect(await listed()).toMatchObject({ running: { deployment: deploymentId, rev } });

    const kept = await suite.server.api(`/api/graphs/${graphId}`, { method: 'DELETE' });
    expect(kept.status).toBe(409);
    expect(await kept.json()).toMatchObject({ deployments: [deploymentId] });
    const stopped = await suite.server.api(`/api/deployments/${deploymentId}`, {
      method: 'DELETE',
    });
    expect(stopped.status).toBe(204);
    await until(
      () => [c1, c2, server].every((a) => a.unassigned.includes(deploymentId)),
      'unassign everywhere',
    );
    const after = (await (
      await suite.server.api(`/api/deployments/${deploymentId}`)
    ).json()) as typeof view;
    expect(after.status).toBe('stopped');
    expect(await listed()).not.toHaveProperty('running');
    // Its final state, at the hub alone: no agent runs it, and no convergence is claimed.
    expect(after.variables.impressions).toEqual({
      type: 'gmap',
      value: { 'rovio-1': 1 },
      replicas: 1,
      inSync: 1,
      agree: true,
    });
    expect(after.agents).toEqual([]);
    const late = await suite.server.send(
      'POST',
      `/api/deployments/${deploymentId}/variables/rovioAds/ops`,
      { op: { op: 'add', value: ad } },
    );
    expect(late.status).toBe(409);
  });

  it('runs a graph once: another deploy must replace the running one or wait for its stop', async () => {
    await Promise.all([wireAgent('client-7', 'client'), wireAgent('server-7', 'server', true)]);
    const { id: graphId, rev } = await postGraph();
    const running = async () =>
      ((await (await suite.server.api('/api/deployments')).json()) as DeploymentSummary[])
        .filter((d) => d.graphId === graphId && d.status === 'running')
        .map((d) => d.id);
    const answer = async (res: Response) => ({
      status: res.status,
      body: (await res.json()) as { deploymentId?: string; error?: string; running?: string },
    });
    // Two at once without `replaces`: one starts, the other is refused naming it.
    const both = await Promise.all([deploy(graphId, { rev }), deploy(graphId, { rev })]);
    const [first, second] = await Promise.all(both.map(answer));
    expect([first?.status, second?.status].sort()).toEqual([202, 409]);
    const d1 = (first?.status === 202 ? first : second)?.body.deploymentId ?? '';
    const refused = (first?.status === 409 ? first : second)?.body;
    expect(refused).toEqual({
      error:
        `graph "${graphId}" already runs as deployment "${d1}": pass "replaces": "${d1}" to ` +
        'take over from it (keeping the state of what did not change), or stop it first',
      running: d1,
    });
    expect(await running()).toEqual([d1]);

    const again = await answer(await deploy(graphId, { rev }));
    expect(again).toMatchObject({ status: 409, body: { running: d1 } });
    const d2 = (await answer(await deploy(graphId, { rev, replaces: d1 }))).body.deploymentId;
    expect(await running()).toEqual([d2]);
    await suite.server.api(`/api/deployments/${d2 ?? ''}`, { method: 'DELETE' });
    const d3 = await answer(await deploy(graphId, { rev }));
    expect(d3.status).toBe(202);
    expect(await running()).toEqual([d3.body.deploymentId]);
    await suite.server.api(`/api/deployments/${d3.body.deploymentId ?? ''}`, { method: 'DELETE' });
  });

  it('refuses bad replication input from an agent, keeps it connected, and stores nothing', async () => {
    const [c3, c4, server] = await Promise.all([
      wireAgent('client-3', 'client'),
      wireAgent('client-4', 'client'),
      wireAgent('server-2', 'server', true),
    ]);
    const { id: graphId, rev } = await postGraph();
    const { deploymentId } = (await (await deploy(graphId, { rev })).json()) as {
      deploymentId: string;
    };
    await until(() => [c3, c4, server].every((a) => a.assignments.length === 1), 'the assignments');
    // The client that does not run the set operators holds `impressions` alone.
    const c1 = [c3, c4].find((a) => a.assignments[0]?.variables.join() === 'impressions');
    if (!c1) throw new Error('no client holds impressions alone');
    const before = await (await suite.server.api(`/api/deployments/${deploymentId}`)).json();
    const orset = crdtType({ name: 'orset' });
    const add = orset.mutate(
      orset.bottom(),
      { op: 'add', value: 'x' } as { op: string },
      'client-2.test',
    );
    const bad: Array<[string, unknown]> = [
      ['delta', { deployment: deploymentId, variable: 'impressions', seq: 1, delta: 'text' }],
      [
        'delta',
        {
          deployment: deploymentId,
          variable: 'impressions',
          seq: 1,
          delta: new Uint8Array([9, 9, 9]),
        },
      ],
      [
        'delta',
        { deployment: 'd_other', variable: 'impressions', seq: 1, delta: encodeState(orset, add) },
      ],
      ['digest', 42],
      ['ack', { deployment: deploymentId }],
      ['metrics', { deployment: deploymentId, opsPerSecond: -1 }],
    ];
    bad.push([
      'delta',
      { deployment: deploymentId, variable: 'contracts', seq: 1, delta: encodeState(orset, add) },
    ]);
    for (const [event, payload] of bad) c1.socket.emit(event, payload);
    await until(() => c1.refusals.length === bad.length, 'a refusal for each bad message');
    expect(c1.refusals.map((r) => r.code)).toEqual([
      'malformed',
      'malformed-delta',
      'wrong-deployment',
      'malformed',
      'malformed',
      'malformed',
      'not-hosted',
    ]);
    expect(c1.socket.connected).toBe(true);
    const claim = await within(
      c1.socket.emitWithAck('claimEffect', {
        deployment: deploymentId,
        node: 'removeAd',
        key: 'k',
      }),
      2000,
      'the claim reply',
    );
    expect(claim).toEqual({
      ok: false,
      error: expect.stringContaining('does not run node removeAd'),
    });
    expect(await (await suite.server.api(`/api/deployments/${deploymentId}`)).json()).toEqual(
      before,
    );
  });
});
