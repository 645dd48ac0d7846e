import type { DeploymentView, HubEventMessage, Runtime } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { connected, readExample, serverWithSockets } from '../testing/test-server.js';
import { until } from '../testing/wire-agent.js';
import { runtimeAgent } from './testing/runtime-agent.js';

const suite = serverWithSockets();

type Doc = { nodes: Array<{ id: string; params: Record<string, unknown> }>; edges: unknown[] };

const view = async (id: string) =>
  (await (await suite.server.api(`/api/deployments/${id}`)).json()) as DeploymentView;

/** How many elements a set variable holds at the hub. */
const size = (v: DeploymentView, variable: string) =>
  (v.variables[variable]?.value as unknown[] | undefined)?.length;

const deploy = async (graphId: string, body: unknown) => {
  const res = await suite.server.send('POST', `/api/graphs/${graphId}/deploy`, body);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const ops = (deployment: string, variable: string, op: unknown) =>
  suite.server.send('POST', `/api/deployments/${deployment}/variables/${variable}/ops`, { op });

const impressions = (ad: string, by: number) => ({
  op: 'apply',
  key: ad,
  inner: { op: 'increment', by },
});

const AD = (id: string) => ({ id, advertiser: 'Rovio' });
/** An ad nobody sees: it stays in its set for good. */
const RIOT = { id: 'riot-1', advertiser: 'Riot' };

/**
 * The ad counter on a client and a trusted server, with rovio-1 seen 100 times (so the trigger
 * removed it), rovio-2 30 times and riot-1 never, all counted at the client's replica.
 */
async function adCounterAfterImpressions(
  prefix: string,
  beforeSync?: (deployment: string, runtime: Runtime) => void,
) {
  const [client, server] = await Promise.all([
    runtimeAgent(suite, `${prefix}-client`, { role: 'client', beforeSync }),
    runtimeAgent(suite, `${prefix}-server`, { role: 'server', trusted: true }),
  ]);
  const doc = (await readExample('ad-counter.json')) as Doc;
  const created = await suite.server.send('POST', '/api/graphs', doc);
  const { id: graphId } = (await created.json()) as { id: string };
  const first = await deploy(graphId, { rev: 1 });
  const d1 = first.body.deploymentId as string;
  await until(() => client.runners.has(d1) && server.runners.has(d1), 'both agents run it');
  await ops(d1, 'rovioAds', { op: 'addAll', values: [AD('rovio-1'), AD('rovio-2')] });
  await ops(d1, 'riotAds', { op: 'add', value: RIOT });
  await ops(d1, 'contracts', { op: 'addAll', values: [{ id: 'rovio-1' }, { id: 'rovio-2' }] });
  client.runtime(d1).update('impressions', impressions('rovio-1', 100));
  client.runtime(d1).update('impressions', impressions('rovio-2', 30));
  await until(async () => {
    const v = await view(d1);
    return v.effects[0]?.status === 'done' && size(v, 'rovioAds') === 1;
  }, 'rovio-1 removed');
  return { client, server, doc, graphId, d1 };
}

/** Saves `doc` as the graph's next revision. */
async function save(graphId: string, rev: number, doc: Doc): Promise<number> {
  const res = await suite.server.send('PUT', `/api/graphs/${graphId}`, { rev, graph: doc });
  return ((await res.json()) as { rev: number }).rev;
}

describe('a deploy that replaces the running deployment of its graph', () => {
  it('keeps the state of what did not change, at the hub and at the agents, and resets the rest', async () => {
    // A game client counts 20 more for rovio-2 the moment the new deployment reaches its agent,
    // before the agent has caught up with the carried state.
    let armed = false;
    const { client, server, doc, graphId, d1 } = await adCounterAfterImpressions(
      'keep',
      (_deployment, runtime) => {
        if (armed) runtime.update('impressions', impressions('rovio-2', 20));
        armed = false;
      },
    );
    // A lower threshold (a writer's change), and the product's inputs swapped (a derivation's).
    const trigger = doc.nodes.find((n) => n.id === 'removeAd');
    if (trigger) trigger.params.threshold = { kind: 'value', n: 50 };
    const swapped = {
      ...doc,
      edges: (doc.edges as Array<{ target: string; targetHandle: string }>).map((e) =>
        e.target !== 'adsContracts'
          ? e
          : { ...e, targetHandle: e.targetHandle === 'left' ? 'right' : 'left' },
      ),
    };
    const rev = await save(graphId, 1, swapped);

    const events: HubEventMessage[] = [];
    const editor = suite.open('/editor', { token: suite.server.adminToken });
    editor.on('event', (e: HubEventMessage) => events.push(e));
    await connected(editor);

    armed = true;
    const second = await deploy(graphId, { rev, replaces: d1 });
    expect(second.status).toBe(202);
    expect(second.body.carried).toEqual(['ads', 'contracts', 'impressions', 'riotAds', 'rovioAds']);
    expect(second.body.reset).toEqual([
      { variable: 'adsContracts', reason: 'inputs-changed', message: 'inputs changed' },
      {
        variable: 'adsWithContracts',
        reason: 'upstream-changed',
        from: 'adsContracts',
        message: 'derived from changed node adsContracts',
      },
    ]);
    const d2 = second.body.deploymentId as string;
    expect((await view(d1)).status).toBe('stopped');
    await until(() => events.some((e) => e.kind === 'stop'), 'the stop event');
    expect(events.filter((e) => e.kind === 'deploy' || e.kind === 'stop')).toMatchObject([
      {
        deployment: d2,
        kind: 'deploy',
        message:
          `deployed Ad counter in place of ${d1}: kept the state of 5 variables; 2 start empty ` +
          '(adsContracts: inputs changed; adsWithContracts: derived from changed node adsContracts)',
      },
      { deployment: d1, kind: 'stop' },
    ]);
    // Seeded before its room opened: the hub has it at once.
    const started = await view(d2);
    expect(started.variables.impressions?.value).toMatchObject({ 'rovio-1': 100 });
    expect(started.variables.riotAds?.value).toEqual([RIOT]);

    // 30 carried and 20 counted before the catch-up (under a replica id of the new deployment's,
    // so they add up) reach the new threshold at the server's replica, which removes rovio-2.
    const counted = { 'rovio-1': 100, 'rovio-2': 50 };
    await until(async () => size(await view(d2), 'rovioAds') === 0, 'rovio-2 gone');
    expect((await view(d2)).variables.impressions?.value).toEqual(counted);
    // The agents catch up with the carried state by the usual digest exchange.
    await until(
      () => JSON.stringify(client.runtime(d2).query('impressions')) === JSON.stringify(counted),
      "the client's replica has the carried count",
    );
    expect(server.runners.has(d2) && !client.runners.has(d1)).toBe(true);
    // rovio-1 is over the new threshold too: removing an ad that is gone changed nothing.
    await until(async () => (await view(d2)).effects.length === 2, 'both effects recorded');
    expect((await view(d2)).effects.map((e) => [e.key, e.status])).toEqual([
      ['rovio-1', 'done'],
      ['rovio-2', 'done'],
    ]);
    expect(events.filter((e) => e.kind === 'error')).toEqual([]);
    // Reset, then derived anew: no pair from the old product survives the removals.
    await until(
      async () => size(await view(d2), 'adsWithContracts') === 0,
      'adsWithContracts follows',
    );
  });

  it("carries an unchanged trigger's performed effects, so it does not act twice", async () => {
    const { graphId, d1 } = await adCounterAfterImpressions('effects');
    const before = (await view(d1)).effects;
    const again = await deploy(graphId, { rev: 1, replaces: d1 });
    expect(again.status).toBe(202);
    expect(again.body.reset).toEqual([]);
    expect((again.body.carried as string[]).length).toBe(7);
    // Recorded with the deployment, before any agent could have claimed anything.
    expect((await view(again.body.deploymentId as string)).effects).toEqual(before);
  });

  it('refuses a replaces that is unknown, of another graph, stopped or malformed, and changes nothing', async () => {
    const { graphId, d1 } = await adCounterAfterImpressions('refuse');
    const other = await suite.server.send(
      'POST',
      '/api/graphs',
      await readExample('ad-counter.json'),
    );
    const otherId = ((await other.json()) as { id: string }).id;
    const dOther = (await deploy(otherId, { rev: 1 })).body.deploymentId as string;
    // d1 stops as d2 takes over from it.
    const d2 = (await deploy(graphId, { rev: 1, replaces: d1 })).body.deploymentId as string;
    const dStopped = d1;
    const list = async () => (await (await suite.server.api('/api/deployments')).json()) as [];
    const deployments = await list();

    const unknown = await deploy(graphId, { rev: 1, replaces: 'd_nope' });
    expect(unknown).toEqual({
      status: 422,
      body: { error: 'replaces: there is no deployment "d_nope"' },
    });
    const foreign = await deploy(graphId, { rev: 1, replaces: dOther });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error).toBe(
      `replaces: deployment "${dOther}" runs graph "${otherId}", not "${graphId}"`,
    );
    const stopped = await deploy(graphId, { rev: 1, replaces: dStopped });
    expect(stopped.status).toBe(409);
    expect(stopped.body).toMatchObject({ replaces: dStopped });
    expect(stopped.body.error).toContain('is stopped');
    expect((await deploy(graphId, { rev: 1, replaces: 7 })).status).toBe(400);

    expect(await list()).toEqual(deployments);
    expect((await view(d2)).status).toBe('running');
    expect((await view(dOther)).status).toBe('running');
  });
});
