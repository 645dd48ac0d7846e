import type { DeploymentView } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { readExample, serverWithSockets } from '../../testing/test-server.js';
import { connectWireAgent, reportMetrics, until } from '../../testing/wire-agent.js';

const suite = serverWithSockets();

async function deployLeaderboard(): Promise<string> {
  const graph = await readExample('leaderboard.json');
  const { id, rev } = (await (await suite.server.send('POST', '/api/graphs', graph)).json()) as {
    id: string;
    rev: number;
  };
  const deployed = await suite.server.send('POST', `/api/graphs/${id}/deploy`, { rev });
  expect(deployed.status).toBe(202);
  return ((await deployed.json()) as { deploymentId: string }).deploymentId;
}

const view = async (id: string) =>
  (await (await suite.server.api(`/api/deployments/${id}`)).json()) as DeploymentView;

describe("a local variable's copies, as the agents report them", () => {
  it('shows each online holder its own, drops what it holds not, and forgets an agent that left', async () => {
    const [c1, c2] = await Promise.all([
      connectWireAgent(suite, 'client-1', 'client'),
      connectWireAgent(suite, 'client-2', 'client'),
    ]);
    const id = await deployLeaderboard();
    await until(() => c1.assignments.length === 1 && c2.assignments.length === 1, 'two shares');
    expect((await view(id)).local.scores).toEqual({
      type: 'awset',
      agents: ['client-1', 'client-2'],
      values: {},
    });

    const games = [{ player: 'ann', score: 10 }];
    // `leaderboard` is replicated, and `nope` is no variable: neither is a local copy to show.
    reportMetrics(c1, id, {
      local: { scores: { value: games }, leaderboard: { value: [] }, nope: { value: 1 } },
    });
    reportMetrics(c2, id, { local: { scores: { omittedBytes: 20_000 } } });
    await until(
      async () => Object.keys((await view(id)).local.scores?.values ?? {}).length === 2,
      'two reports',
    );
    const shown = await view(id);
    expect(shown.local.scores?.values).toEqual({
      'client-1': { value: games },
      'client-2': { omittedBytes: 20_000 },
    });
    expect(Object.keys(shown.local)).toEqual(['scores']);

    c2.socket.disconnect();
    await until(
      async () => (await view(id)).agents.find((a) => a.name === 'client-2')?.online === false,
      'client-2 offline',
    );
    expect((await view(id)).local.scores?.values).toEqual({ 'client-1': { value: games } });
  });

  it('refuses a report whose local copy is neither a value nor a size, and keeps the agent', async () => {
    const c1 = await connectWireAgent(suite, 'client-3', 'client');
    const id = await deployLeaderboard();
    await until(() => c1.assignments.some((a) => a.deployment === id), 'a share');
    reportMetrics(c1, id, { local: { scores: { value: [], omittedBytes: 3 } } });
    reportMetrics(c1, id, { local: { scores: { omittedBytes: -1 } } });
    await until(() => c1.refusals.length === 2, 'two refusals');
    expect(c1.refusals.map((r) => [r.event, r.code])).toEqual([
      ['metrics', 'malformed'],
      ['metrics', 'malformed'],
    ]);
    expect(c1.socket.connected).toBe(true);
    expect((await view(id)).local.scores?.values).toEqual({});
  });
});
