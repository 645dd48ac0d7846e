import type { DeploymentView } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { readExample, serverWithSockets } from '../../testing/test-server.js';
import { connectWireAgent, reportMetrics, until } from '../../testing/wire-agent.js';

const suite = serverWithSockets();

const HOUR = 3_600_000;

describe("a sink's lines, as the agents report them", () => {
  it('puts each line on the control plane’s clock, so agents whose clocks disagree merge in order', async () => {
    const [ahead, behind] = await Promise.all([
      connectWireAgent(suite, 'client-1', 'client'),
      connectWireAgent(suite, 'client-2', 'client'),
    ]);
    const graph = await readExample('leaderboard.json');
    const created = await suite.server.send('POST', '/api/deployments', graph);
    const { deploymentId: id } = (await created.json()) as { deploymentId: string };
    await until(() => ahead.assignments.length === 1 && behind.assignments.length === 1, 'shares');

    // client-1's clock is an hour fast, client-2's an hour slow; client-1 logged a second ago,
    // client-2 two seconds ago, each by its own clock.
    const sentAt = Date.now();
    const line = (at: number, text: string) => ({ leaderboardLog: [{ at, text }] });
    reportMetrics(ahead, id, { sentAt: sentAt + HOUR, sinks: line(sentAt + HOUR - 1000, 'newer') });
    reportMetrics(behind, id, {
      sentAt: sentAt - HOUR,
      sinks: line(sentAt - HOUR - 2000, 'older'),
    });
    const view = async () =>
      (await (await suite.server.api(`/api/deployments/${id}`)).json()) as DeploymentView;
    await until(async () => (await view()).sinks.leaderboardLog?.length === 2, 'two lines');
    const receivedBy = Date.now();

    const lines = (await view()).sinks.leaderboardLog ?? [];
    expect(lines.map((l) => [l.agent, l.text])).toEqual([
      ['client-1', 'newer'],
      ['client-2', 'older'],
    ]);
    // Off by the report's transit time only, which is within [sentAt, receivedBy].
    const [newer, older] = lines;
    expect(newer?.at).toBeGreaterThanOrEqual(sentAt - 1000);
    expect(newer?.at).toBeLessThanOrEqual(receivedBy - 1000);
    expect(older?.at).toBeGreaterThanOrEqual(sentAt - 2000);
    expect(older?.at).toBeLessThanOrEqual(receivedBy - 2000);
  });
});
