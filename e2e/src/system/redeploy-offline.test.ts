import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '@inflow/agent';
import type { GraphDocument } from '@inflow/shared-core';
import { CLIENT, example, impression, runsOn, SERVER, Stack, waitFor } from './stack.js';
import { TcpProxy } from './tcp-proxy.js';

// A graph is redeployed in place of a running deployment (`replaces`) while a game client is cut
// off and counting. What it counted online reaches the new deployment through the seed; what it
// counted offline through the old deployment's drain when it is back and the hub's late carry.
// Then the same for an agent process killed after counting and started again after the redeploy.

let stack: Stack;
let proxy: TcpProxy;
let client1: Agent;
let client2: Agent;

beforeAll(async () => {
  stack = await Stack.start();
  proxy = new TcpProxy('127.0.0.1', stack.port);
  const viaProxy = await proxy.start();
  await stack.startProcess({ name: 'server-1', labels: SERVER, trusted: true });
  client1 = await stack.embed({ name: 'client-1', labels: CLIENT }, viaProxy);
  // A client that stays online, so the redeploy can place the game clients while client-1 is away.
  client2 = await stack.embed({ name: 'client-2', labels: CLIENT });
  await stack.online(['client-1', 'client-2', 'server-1']);
});
afterAll(async () => {
  await stack?.dispose();
  await proxy?.stop();
});

/** Impressions of a key that is no ad, so nothing removes it and the count only grows. */
const probes = (n: number) => Array.from({ length: n }, () => impression('probe'));
const counted = (value: unknown) => (value as Record<string, number> | undefined)?.probe ?? 0;
const atHub = async (deployment: string) =>
  counted((await stack.view(deployment)).variables.impressions?.value);

/** The ad counter with another threshold: a trigger derives no state, so every variable carries. */
const withThreshold = (graph: GraphDocument, n: number): GraphDocument => ({
  ...graph,
  nodes: graph.nodes.map((node) =>
    node.id === 'removeAd'
      ? { ...node, params: { ...node.params, threshold: { kind: 'value', n } } }
      : node,
  ),
});

describe('a redeploy while a game client is offline', () => {
  it('counts every impression once in the new deployment: online ones by the seed, offline ones by the drain', async () => {
    const graph = await example('ad-counter.json');
    const { deploymentId: d1, graphId } = await stack.deploy(graph);
    await waitFor(
      () => (runsOn(client1).includes(d1) && runsOn(client2).includes(d1)) || undefined,
      'both clients to run the first deployment',
    );
    client1.updateAll('impressions', probes(200));
    client2.updateAll('impressions', probes(50));
    await stack.converged(d1, (v) => counted(v.variables.impressions?.value) === 250, '250');

    proxy.cut();
    await waitFor(() => !client1.connected || undefined, 'client-1 to notice the cut');
    await stack.offline('client-1');
    client1.updateAll('impressions', probes(300));
    expect(counted(client1.query('impressions'))).toBe(550);

    const redeployed = await stack.redeploy(graphId, 1, withThreshold(graph, 1000), d1);
    const d2 = redeployed.deploymentId;
    expect(redeployed.carried).toContain('impressions');
    expect(redeployed.reset).toEqual([]);
    const old = await stack.view(d1);
    expect(old).toMatchObject({ status: 'stopped', replacedBy: d2 });
    const seeded = await stack.view(d2);
    expect(seeded.replaces).toBe(d1);
    expect(counted(seeded.variables.impressions?.value)).toBe(250);

    // The client still online moves to the new deployment and counts there.
    await waitFor(() => runsOn(client2).join() === d2 || undefined, 'client-2 to run only d2');
    client2.updateAll('impressions', probes(20));
    await waitFor(async () => (await atHub(d2)) === 270 || undefined, '270 in d2');
    // Nobody could tell client-1: it still runs the old deployment, offline.
    expect(runsOn(client1)).toEqual([d1]);

    proxy.restore();
    await waitFor(() => client1.connected || undefined, 'client-1 to reconnect', 30_000);
    await waitFor(() => runsOn(client1).join() === d2 || undefined, 'client-1 to run only d2');
    await stack.converged(
      d2,
      (v) => counted(v.variables.impressions?.value) === 570,
      'the 300 offline impressions in d2, once',
    );
    expect(counted(client1.query('impressions'))).toBe(570);
    // They were joined into d2 only: d1 keeps the state it stopped with.
    expect(await atHub(d1)).toBe(250);
    // Nothing else arrives later: the next impressions move the total by exactly their number.
    client1.updateAll('impressions', probes(30));
    await stack.converged(d2, (v) => counted(v.variables.impressions?.value) === 600, '600');
  });
});

describe('a redeploy while an agent process is down', () => {
  it('brings what the killed process logged in the old deployment into the new one', async () => {
    const spec = { name: 'client-3', labels: CLIENT };
    await stack.startProcess(spec);
    await stack.online(['client-3']);
    const graph = await example('ad-counter.json');
    const { deploymentId: e1, graphId } = await stack.deploy(graph);
    // 202 once the impressions are in the agent's log; before its assignment there is none.
    const batch = { ops: probes(50), agent: 'client-3' };
    await waitFor(
      async () => (await stack.ops(e1, 'impressions', batch)).status === 202 || undefined,
      'client-3 to take impressions in e1',
    );
    for (let i = 1; i < 10; i++) {
      expect((await stack.ops(e1, 'impressions', batch)).status).toBe(202);
    }
    // Killed at once: the deltas of the last batches may not have left it (it sends every 50 ms);
    // those reach e2 only from its store, drained when it is back.
    await stack.processes.get('client-3')?.kill();
    await stack.offline('client-3');
    const beforeRedeploy = await atHub(e1);
    expect(beforeRedeploy).toBeLessThanOrEqual(500);

    const { deploymentId: e2 } = await stack.redeploy(graphId, 1, withThreshold(graph, 1000), e1);
    expect(await atHub(e2)).toBe(beforeRedeploy);

    await stack.startProcess(spec);
    await stack.online(['client-3']);
    await stack.converged(
      e2,
      (v) => counted(v.variables.impressions?.value) === 500,
      'all 500 acknowledged impressions in e2, once',
    );
    expect(await stack.view(e1)).toMatchObject({ status: 'stopped', replacedBy: e2 });
    // The restarted process was told to stop e1 (it resumed it from its store) and did. Its
    // output reaches the file through a pipe, so it may trail what the hub shows a little.
    const unassigned = async () =>
      (await readFile(stack.logFile('client-3'), 'utf8'))
        .split('\n')
        .filter((line) => line.startsWith('{') && line.endsWith('}'))
        .map((line) => JSON.parse(line) as { deployment?: string; msg?: string })
        .some((l) => l.deployment === e1 && l.msg === 'deployment unassigned');
    await expect.poll(unassigned, { timeout: 10_000 }).toBe(true);
  });
});
