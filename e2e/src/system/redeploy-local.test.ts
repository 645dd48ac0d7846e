import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '@inflow/agent';
import type { GraphDocument } from '@inflow/shared-core';
import { CLIENT, example, runsOn, Stack, waitFor, type DeploymentView } from './stack.js';
import { TcpProxy } from './tcp-proxy.js';

// The leaderboard keeps each game client's scores in a variable local to each agent (the hub
// holds no copy). A redeploy that changes only a label keeps every client's own copy, on the
// client, and so the shared top 3 derived from them: for clients online, for one cut off during
// the redeploy (it scored meanwhile), and for an agent process down during the redeploy.

let stack: Stack;
let proxy: TcpProxy;
let client1: Agent;
let client2: Agent;

beforeAll(async () => {
  stack = await Stack.start();
  proxy = new TcpProxy('127.0.0.1', stack.port);
  const viaProxy = await proxy.start();
  client1 = await stack.embed({ name: 'client-1', labels: CLIENT }, viaProxy);
  client2 = await stack.embed({ name: 'client-2', labels: CLIENT });
  await stack.online(['client-1', 'client-2']);
});
afterAll(async () => {
  await stack?.dispose();
  await proxy?.stop();
});

const game = (player: string, score: number) => ({ op: 'add', value: { player, score } });

/** An agent's copy of the scores as it reported it to the hub: "ann:10" per game, sorted. */
const copyAt = (view: DeploymentView, agent: string) =>
  ((view.local.scores?.values[agent]?.value ?? []) as Array<{ player: string; score: number }>)
    .map((g) => `${g.player}:${g.score}`)
    .sort();

/** The shared top 3 at the hub. */
const top = (view: DeploymentView) =>
  ((view.variables.leaderboard?.value ?? []) as Array<{ key: string; score: number }>).map(
    (e) => `${e.key}:${e.score}`,
  );

/** The leaderboard with the "Top 3" sink's label changed: nothing that holds state changes. */
const relabelled = (graph: GraphDocument, label: string): GraphDocument => ({
  ...graph,
  nodes: graph.nodes.map((n) => (n.id === 'leaderboardLog' ? { ...n, label } : n)),
});

/** Waits until the hub's view of `deployment` shows `copies` for those agents and the top 3. */
async function shows(deployment: string, copies: Record<string, string[]>, board: string[]) {
  const what = `${deployment} to show ${JSON.stringify(copies)} and ${board.join(', ')}`;
  return stack.converged(
    deployment,
    (v) =>
      Object.entries(copies).every(([a, c]) => copyAt(v, a).join() === c.join()) &&
      top(v).join() === board.join(),
    what,
  );
}

describe('a redeploy of the leaderboard that changes only a label', () => {
  let graphId: string;
  let graph: GraphDocument;
  let current: string;
  let rev = 1;

  it("keeps each client's scores on the client, and the leaderboard", async () => {
    graph = await example('leaderboard.json');
    const deployed = await stack.deploy(graph);
    graphId = deployed.graphId;
    const d1 = deployed.deploymentId;
    await waitFor(
      () => (runsOn(client1).includes(d1) && runsOn(client2).includes(d1)) || undefined,
      'both clients to run d1',
    );
    const poke = async (agent: string, ops: unknown[]) =>
      expect((await stack.ops(d1, 'scores', { ops, agent })).status).toBe(202);
    await poke('client-1', [game('ann', 10), game('bob', 7), game('ivy', 5)]);
    await poke('client-2', [game('cid', 12), game('dan', 3)]);
    const before = {
      'client-1': ['ann:10', 'bob:7', 'ivy:5'],
      'client-2': ['cid:12', 'dan:3'],
    };
    await shows(d1, before, ['cid:12', 'ann:10', 'bob:7']);

    const redeployed = await stack.redeploy(graphId, rev, relabelled(graph, 'Best three'), d1);
    rev = redeployed.rev;
    const d2 = redeployed.deploymentId;
    expect(redeployed).toMatchObject({
      carried: ['leaderboard'],
      reset: [],
      carriedLocal: [{ variable: 'scores', keptBy: ['client-1', 'client-2'], emptyOn: [] }],
      resetLocal: [],
    });
    await waitFor(
      () => (runsOn(client1).join() === d2 && runsOn(client2).join() === d2) || undefined,
      'both clients to run only d2',
    );
    await shows(d2, before, ['cid:12', 'ann:10', 'bob:7']);
    // Each client's own copy, in the new deployment, as its application reads it.
    expect(client1.query('scores')).toHaveLength(3);
    expect(client2.query('scores')).toHaveLength(2);
    // And it goes on from there: a new game adds to the kept scores.
    expect((await stack.ops(d2, 'scores', { op: game('eve', 11), agent: 'client-2' })).status).toBe(
      202,
    );
    await shows(d2, { 'client-2': ['cid:12', 'dan:3', 'eve:11'] }, ['cid:12', 'eve:11', 'ann:10']);
    current = d2;
  });

  it('keeps the scores of a client that was cut off during the redeploy, with those it added offline', async () => {
    proxy.cut();
    await waitFor(() => !client1.connected || undefined, 'client-1 to notice the cut');
    await stack.offline('client-1');
    // Below its local top 3, so the old deployment owes the hub nothing when it is told to stop:
    // it is forgotten at once then, and the new one must have taken its copy before.
    client1.update('scores', game('fay', 2));

    const redeployed = await stack.redeploy(graphId, rev, relabelled(graph, 'Podium'), current);
    rev = redeployed.rev;
    const d3 = redeployed.deploymentId;
    // Placed on the clients online; client-1 gets its share when it is back.
    expect(redeployed.carriedLocal).toEqual([
      { variable: 'scores', keptBy: ['client-2'], emptyOn: [] },
    ]);
    expect(runsOn(client1)).toEqual([current]);

    proxy.restore();
    await waitFor(
      () => runsOn(client1).join() === d3 || undefined,
      'client-1 to run only d3',
      30_000,
    );
    await shows(
      d3,
      {
        'client-1': ['ann:10', 'bob:7', 'fay:2', 'ivy:5'],
        'client-2': ['cid:12', 'dan:3', 'eve:11'],
      },
      ['cid:12', 'eve:11', 'ann:10'],
    );
    current = d3;
  });

  it('keeps the scores of an agent process that was down during the redeploy', async () => {
    const spec = { name: 'client-3', labels: CLIENT };
    await stack.startProcess(spec);
    await stack.online(['client-3']);
    // 202 once it runs its share (placed on it when it joined).
    const batch = { ops: [game('gus', 20), game('hal', 1)], agent: 'client-3' };
    await waitFor(
      async () => (await stack.ops(current, 'scores', batch)).status === 202 || undefined,
      'client-3 to take games',
    );
    await shows(current, { 'client-3': ['gus:20', 'hal:1'] }, ['gus:20', 'cid:12', 'eve:11']);
    await stack.processes.get('client-3')?.kill();
    await stack.offline('client-3');

    const redeployed = await stack.redeploy(graphId, rev, relabelled(graph, 'Top three'), current);
    const d4 = redeployed.deploymentId;
    await stack.startProcess(spec);
    await stack.online(['client-3']);
    const view = await shows(
      d4,
      {
        'client-1': ['ann:10', 'bob:7', 'fay:2', 'ivy:5'],
        'client-2': ['cid:12', 'dan:3', 'eve:11'],
        'client-3': ['gus:20', 'hal:1'],
      },
      ['gus:20', 'cid:12', 'eve:11'],
    );
    expect(view.local.scores?.agents).toEqual(['client-1', 'client-2', 'client-3']);
    // Nothing reported lost state: no agent found its copy missing.
    const { events } = await stack.api.json<{ events: Array<{ kind: string; message: string }> }>(
      'GET',
      `/api/events?deployment=${d4}`,
    );
    expect(events.filter((e) => e.kind === 'error')).toEqual([]);
  });
});
