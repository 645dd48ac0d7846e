import type { Assignment, HubEventMessage } from '@inflow/shared-core';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { agentHello, connected, readExample, serverWithSockets } from '../testing/test-server.js';
import { until } from '../testing/wire-agent.js';
import { restartableSuite } from './testing/restartable-suite.js';
import type { SocketSuite } from './testing/runtime-agent.js';

// What the hub tells each agent about its local copies when a redeploy replaces a deployment,
// and in which order, over real sockets (the agents here answer by hand: the wire is the test).

const suite = serverWithSockets();

type Node = { id: string; label?: string; placement?: Record<string, unknown> };
type Doc = { nodes: Node[]; edges: unknown[] };

/** An agent that records what the hub sends it, in order, and answers every assignment. */
async function wireAgent(name: string, labels: Record<string, string>, on: SocketSuite = suite) {
  const created = await on.server.send('POST', '/api/agent-tokens', { name });
  const { token } = (await created.json()) as { token: string };
  const connect = async (running: string[]) => {
    const socket = on.open('/agent', { ...agentHello(token, name, labels), running });
    socket.on('assign', (a: Assignment, reply: (r: unknown) => void) => {
      agent.heard.push(`assign ${a.deployment}`);
      agent.assignments.set(a.deployment, a);
      reply({ ok: true, value: { replica: a.replica } });
    });
    socket.on('unassign', (d: string) => agent.heard.push(`unassign ${d}`));
    await connected(socket);
    return socket;
  };
  const agent = {
    heard: [] as string[],
    assignments: new Map<string, Assignment>(),
    socket: undefined as Socket | undefined,
    /** Connects again, reporting the deployments it still runs. */
    reconnect: async (running: string[]) => {
      agent.heard = [];
      agent.socket = await connect(running);
    },
  };
  agent.socket = await connect([]);
  return agent;
}

const send = async (method: string, path: string, body: unknown, on: SocketSuite = suite) => {
  const res = await on.server.send(method, path, body);
  return (await res.json()) as Record<string, unknown>;
};

async function offline(name: string, on: SocketSuite = suite): Promise<void> {
  await until(async () => {
    const agents = (await (await on.server.api('/api/agents')).json()) as Array<{
      name: string;
      online: boolean;
    }>;
    return agents.some((x) => x.name === name && !x.online);
  }, `the hub to see ${name} go`);
}

/** The leaderboard of `examples/`, its per-client nodes placed on `selector`, one label changed. */
async function leaderboard(label: string, selector: Record<string, string>): Promise<Doc> {
  const doc = (await readExample('leaderboard.json')) as Doc;
  const nodes = doc.nodes.map((n) => ({
    ...n,
    ...(n.id === 'leaderboardLog' ? { label } : {}),
    ...(n.placement?.each ? { placement: { selector, each: true } } : {}),
  }));
  return { ...doc, nodes };
}

describe('a redeploy of a graph with a variable local to each agent', () => {
  it('tells each agent that held a copy to start from it, before it stops the old deployment', async () => {
    const game = { role: 'client', tier: 'game' };
    const [a, b] = [await wireAgent('lc-a', game), await wireAgent('lc-b', game)];
    const { id: graphId } = await send('POST', '/api/graphs', await leaderboard('Top 3', game));
    const d1 = (await send('POST', `/api/graphs/${graphId as string}/deploy`, { rev: 1 }))
      .deploymentId as string;
    await until(() => a.assignments.has(d1) && b.assignments.has(d1), 'both run d1');
    expect(a.assignments.get(d1)?.carry).toBeUndefined();
    // A server of the game tier joins: the next revision places the clients' nodes on it too.
    const c = await wireAgent('lc-c', { role: 'server', tier: 'game' });

    const events: HubEventMessage[] = [];
    const editor = suite.open('/editor', { token: suite.server.adminToken });
    editor.on('event', (e: HubEventMessage) => events.push(e));
    await connected(editor);
    const path = `/api/graphs/${graphId as string}`;
    const { rev } = await send('PUT', path, {
      rev: 1,
      graph: await leaderboard('Best three', { tier: 'game' }),
    });
    const second = await send('POST', `${path}/deploy`, { rev, replaces: d1 });
    const d2 = second.deploymentId as string;
    expect(second).toMatchObject({
      carried: ['leaderboard'],
      reset: [],
      carriedLocal: [{ variable: 'scores', keptBy: ['lc-a', 'lc-b'], emptyOn: ['lc-c'] }],
      resetLocal: [],
    });

    await until(() => [a, b, c].every((x) => x.assignments.has(d2)), 'all three run d2');
    const fromD1 = { from: [{ deployment: d1, variables: ['scores'] }] };
    expect(a.assignments.get(d2)?.carry).toEqual({ ...fromD1, held: ['scores'] });
    expect(b.assignments.get(d2)?.carry).toEqual({ ...fromD1, held: ['scores'] });
    expect(c.assignments.get(d2)?.carry).toEqual({ ...fromD1, held: [] });
    await until(() => a.heard.includes(`unassign ${d1}`), 'd1 stopped at lc-a');
    expect(a.heard.slice(-2)).toEqual([`assign ${d2}`, `unassign ${d1}`]);
    await until(() => events.some((e) => e.kind === 'deploy'), 'the deploy event');
    expect(events.find((e) => e.kind === 'deploy')?.message).toBe(
      `deployed Leaderboard in place of ${d1}: kept the state of 1 variable; kept 1 variable ` +
        'local to each agent on the agents that held it (scores on lc-a, lc-b, empty on lc-c ' +
        '(new there)); none starts empty',
    );
  });

  it('sends an agent back from offline the newest share first, naming every deployment it may hold a copy of', async () => {
    const game = { role: 'client' };
    const away = await wireAgent('lc-away', game);
    const staying = await wireAgent('lc-staying', game);
    const doc = await leaderboard('Top 3', game);
    const { id } = await send('POST', '/api/graphs', doc);
    const path = `/api/graphs/${id as string}`;
    const d1 = (await send('POST', `${path}/deploy`, { rev: 1 })).deploymentId as string;
    await until(() => away.assignments.has(d1) && staying.assignments.has(d1), 'both run d1');

    away.socket?.disconnect();
    await offline('lc-away');
    // Two redeploys while it is away (of the same revision: every variable carries).
    const d2 = (await send('POST', `${path}/deploy`, { rev: 1, replaces: d1 }))
      .deploymentId as string;
    const d3 = (await send('POST', `${path}/deploy`, { rev: 1, replaces: d2 }))
      .deploymentId as string;
    expect(staying.assignments.get(d3)?.carry).toEqual({
      from: [
        { deployment: d2, variables: ['scores'] },
        { deployment: d1, variables: ['scores'] },
      ],
      held: ['scores'],
    });

    await away.reconnect([d1]);
    await until(() => away.heard.includes(`unassign ${d1}`), 'd1 stopped at lc-away');
    // Its copy of d1 must still be there when it starts d3.
    expect(away.heard).toEqual([`assign ${d3}`, `unassign ${d1}`]);
    expect(away.assignments.get(d3)?.carry).toEqual({
      from: [
        { deployment: d2, variables: ['scores'] },
        { deployment: d1, variables: ['scores'] },
      ],
      held: ['scores'],
    });
  });

  it('names the copies to start from after a restart of the control plane too', async () => {
    const own = await restartableSuite();
    try {
      const game = { role: 'client' };
      const away = await wireAgent('lc-r-away', game, own);
      await wireAgent('lc-r-staying', game, own);
      const { id } = await send('POST', '/api/graphs', await leaderboard('Top 3', game), own);
      const path = `/api/graphs/${id as string}`;
      const d1 = (await send('POST', `${path}/deploy`, { rev: 1 }, own)).deploymentId as string;
      await until(() => away.assignments.has(d1), 'lc-r-away runs d1');
      away.socket?.disconnect();
      await offline('lc-r-away', own);
      const d2 = (await send('POST', `${path}/deploy`, { rev: 1, replaces: d1 }, own))
        .deploymentId as string;

      // What d2 carries from d1 is worked out again from the two stored revisions.
      await own.restart();
      await away.reconnect([d1]);
      await until(() => away.heard.includes(`unassign ${d1}`), 'd1 stopped at lc-r-away');
      expect(away.heard).toEqual([`assign ${d2}`, `unassign ${d1}`]);
      expect(away.assignments.get(d2)?.carry).toEqual({
        from: [{ deployment: d1, variables: ['scores'] }],
        held: ['scores'],
      });
    } finally {
      await own.dispose();
    }
  });
});
