import type { DeploymentView } from '@inflow/shared-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../testing/test-server.js';
import { until } from '../testing/wire-agent.js';
import { ackedBy, hosts, movedGraph, replay } from './testing/late-deltas.js';
import { restartableSuite, type RestartableSuite } from './testing/restartable-suite.js';
import { runtimeAgent } from './testing/runtime-agent.js';

let own: RestartableSuite | undefined;
afterAll(() => own?.dispose());

async function deploy(server: TestServer, doc: unknown): Promise<string> {
  const res = await server.send('POST', '/api/deployments', doc);
  expect(res.status).toBe(202);
  return ((await res.json()) as { deploymentId: string }).deploymentId;
}

async function view(server: TestServer, id: string): Promise<DeploymentView> {
  return (await (await server.api(`/api/deployments/${id}`)).json()) as DeploymentView;
}

describe('former hosts of a running deployment, across a restart of the control plane', () => {
  it("joins the deltas an agent owes of a variable moved off it, once; a stranger's are refused", async () => {
    own = await restartableSuite();
    const suite = own;
    const value = async (id: string, variable: string) =>
      (await view(suite.server, id)).variables[variable]?.value;
    const first = await runtimeAgent(suite, 'former-1a', { role: 'former-1', batch: true });
    const stranger = await runtimeAgent(suite, 'former-1x', { role: 'other' });
    const d = await deploy(suite.server, movedGraph('former-1'));
    await until(() => hosts(first, d, 'moved'), 'the first agent holds it');
    const old = first.runtime(d);
    old.update('moved', { op: 'increment', by: 5 });
    first.flush();
    await until(async () => (await value(d, 'moved')) === 5, 'the first 5 at the hub');
    first.disconnect();
    old.update('moved', { op: 'increment', by: 7 }); // offline: owed, in its log

    const second = await runtimeAgent(suite, 'former-1b', {
      role: 'former-1',
      labels: { tier: 'b' },
    });
    await until(() => hosts(second, d, 'moved'), 'moved placed again on the second agent');
    expect((await view(suite.server, d)).placement.variables.moved).toEqual(['former-1b']);
    second.disconnect();
    stranger.disconnect();

    await suite.restart();
    // Back with its old share: it gets the new one, and sends the 7 it owes of `moved`.
    await first.connect();
    await until(async () => (await value(d, 'moved')) === 12, 'the owed 7 after the restart');
    await until(() => first.runners.get(d)?.endpoint.stats().unacked === 0, 'acknowledged');
    expect(hosts(first, d, 'moved')).toBe(false);
    expect(first.refusals).toEqual([]);

    // The same state again changes nothing: join is idempotent.
    first.send('delta', replay(old, d, 'moved', 900));
    await until(() => ackedBy(first, 900), 'the ack of the replay');
    expect(await value(d, 'moved')).toBe(12);
    // An agent that never held it may not add to it.
    await stranger.connect();
    stranger.send('delta', replay(old, d, 'moved', 901));
    await until(() => stranger.refusals.length > 0, "the stranger's refusal");
    expect(stranger.refusals[0]).toMatchObject({
      event: 'delta',
      deployment: d,
      variable: 'moved',
    });
    expect(await value(d, 'moved')).toBe(12);
  });
});
