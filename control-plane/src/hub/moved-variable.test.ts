import type { DeploymentView } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { serverWithSockets } from '../testing/test-server.js';
import { until } from '../testing/wire-agent.js';
import { ackedBy, hosts, movedGraph as graph, replay } from './testing/late-deltas.js';
import { runtimeAgent } from './testing/runtime-agent.js';

const suite = serverWithSockets();

async function deploy(doc: unknown): Promise<string> {
  const res = await suite.server.send('POST', '/api/deployments', doc);
  expect(res.status).toBe(202);
  return ((await res.json()) as { deploymentId: string }).deploymentId;
}

async function view(id: string): Promise<DeploymentView> {
  return (await (await suite.server.api(`/api/deployments/${id}`)).json()) as DeploymentView;
}

const valueAt = async (id: string, variable: string) => (await view(id)).variables[variable]?.value;

describe('a variable that a re-placement moves off an agent that keeps the deployment', () => {
  it('a replica still on the old share has its digest of it refused, and merges the others all the same', async () => {
    const first = await runtimeAgent(suite, 'moved-1a', { role: 'moved-1' });
    first.hold();
    const d = await deploy(graph('moved-1'));
    await until(() => first.held().length === 1, 'the first share, held back');
    const enabled = await suite.server.send('POST', `/api/deployments/${d}/variables/kept/ops`, {
      op: { op: 'enable' },
    });
    expect(enabled.status).toBe(202);
    // The second agent takes `moved`: the hub's rooms already follow the new plan when the
    // first agent gets round to running its first share.
    const second = await runtimeAgent(suite, 'moved-1b', {
      role: 'moved-1',
      labels: { tier: 'b' },
    });
    await until(() => first.held().length === 2, 'the second share, held back too');
    expect(first.held().map((a) => a.variables)).toEqual([['kept', 'moved'], ['kept']]);

    first.release();
    await until(() => first.refusals.length > 0, 'the refusal');
    expect(first.refusals).toEqual([
      {
        event: 'digest',
        code: 'not-hosted',
        reason: 'moved-1a does not host moved',
        deployment: d,
        variable: 'moved',
      },
    ]);
    // Caught up on `kept` although no answer came for `moved`.
    await until(() => first.runtime(d).query('kept') === true, 'kept caught up');

    first.release();
    await until(() => !hosts(first, d, 'moved'), 'the second share runs');
    await until(() => second.runners.has(d), 'the second agent runs it');
    await until(() => first.runtime(d).query('kept') === true, 'kept caught up again');
  });

  it('counts the deltas it made and the hub had not taken, once, at the hub and at the new host', async () => {
    const first = await runtimeAgent(suite, 'moved-2a', { role: 'moved-2', batch: true });
    const stranger = await runtimeAgent(suite, 'moved-2x', { role: 'other' });
    const d = await deploy(graph('moved-2'));
    await until(() => hosts(first, d, 'moved'), 'the first agent holds it');
    const old = first.runtime(d);
    old.update('moved', { op: 'increment', by: 5 });
    first.flush();
    await until(async () => (await valueAt(d, 'moved')) === 5, 'the first 5 at the hub');
    // Counted here, and held back by the agent's batching when the variable moves away.
    old.update('moved', { op: 'increment', by: 7 });

    const second = await runtimeAgent(suite, 'moved-2b', {
      role: 'moved-2',
      labels: { tier: 'b' },
    });
    await until(() => hosts(second, d, 'moved'), 'the new host holds it');
    await until(() => first.runners.get(d)?.runtime !== old, 'the first agent runs its new share');
    expect(hosts(first, d, 'moved')).toBe(false);
    expect(hosts(first, d, 'kept')).toBe(true);

    await until(async () => (await valueAt(d, 'moved')) === 12, 'the held 7 at the hub');
    await until(() => second.runtime(d).query('moved') === 12, 'and at the new host');
    await until(() => first.runners.get(d)?.endpoint.stats().unacked === 0, 'acknowledged');
    expect(first.refusals).toEqual([]);
    expect((await view(d)).placement.variables.moved).toEqual(['moved-2b']);

    // The same state again (a retransmission, a replay) changes nothing: join is idempotent.
    first.send('delta', replay(old, d, 'moved', 900));
    await until(() => ackedBy(first, 900), 'the ack of the replay');
    expect(await valueAt(d, 'moved')).toBe(12);
    // An agent that never held it may not add to it.
    stranger.send('delta', replay(old, d, 'moved', 901));
    await until(() => stranger.refusals.length > 0, "the stranger's refusal");
    expect(stranger.refusals[0]).toMatchObject({
      event: 'delta',
      code: 'not-a-member',
      deployment: d,
      variable: 'moved',
    });
    expect(await valueAt(d, 'moved')).toBe(12);
    expect(second.runtime(d).query('moved')).toBe(12);
  });

  it('an agent whose whole share moved drains into the running deployment', async () => {
    const first = await runtimeAgent(suite, 'moved-3a', { role: 'moved-3', batch: true });
    const d = await deploy(graph('moved-3', false));
    await until(() => hosts(first, d, 'moved'), 'the first agent holds it');
    first.runtime(d).update('moved', { op: 'increment', by: 4 });
    first.flush();
    await until(async () => (await valueAt(d, 'moved')) === 4, 'the first 4 at the hub');
    first.runtime(d).update('moved', { op: 'increment', by: 3 });

    const second = await runtimeAgent(suite, 'moved-3b', {
      role: 'moved-3',
      labels: { tier: 'b' },
    });
    await until(() => !first.runners.has(d), 'the first agent is unassigned');
    await until(async () => (await valueAt(d, 'moved')) === 7, 'the drained 3 at the hub');
    await until(() => second.runtime(d).query('moved') === 7, 'and at the new host');
    await until(() => !first.draining.has(d), 'the drain acknowledged');
    expect(first.refusals).toEqual([]);
  });
});
