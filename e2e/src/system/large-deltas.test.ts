import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DELTA_MESSAGE_BYTES, type GraphDocument } from '@inflow/shared-core';
import { CLIENT, Stack, waitFor } from './stack.js';

// The operator audit's H1: two writes the API accepted, each under the REST body limit, whose
// deltas joined into one message over socket.io's maxHttpBufferSize at the hub, which then closed
// the agent's connection on every attempt, for ever. An operation whose delta alone could never
// be sent is refused up front instead.

let stack: Stack;

beforeAll(async () => {
  stack = await Stack.start();
  await stack.startProcess({ name: 'client-2', labels: CLIENT });
  await stack.online(['client-2']);
});
afterAll(() => stack?.dispose());

const graph: GraphDocument = {
  format: 'inflow-graph',
  version: 1,
  name: 'Large values',
  nodes: [
    {
      id: 's',
      kind: 'variable',
      type: 'orset',
      params: {},
      position: { x: 0, y: 0 },
      placement: { pin: 'client-2' },
    },
  ],
  edges: [],
};

interface HubEvent {
  kind: string;
  message: string;
}

/** How often the hub has seen client-2 join or leave so far. */
async function comings(): Promise<number> {
  const { events } = await stack.api.json<{ events: HubEvent[] }>('GET', '/api/events');
  return events.filter(
    (e) => (e.kind === 'agent-joined' || e.kind === 'agent-left') && e.message.includes('client-2'),
  ).length;
}

const valueOf = async (deployment: string) =>
  ((await stack.view(deployment)).variables.s?.value ?? []) as string[];

const add = (deployment: string, value: unknown) =>
  stack.ops(deployment, 's', { op: { op: 'add', value }, agent: 'client-2' });

describe('values near the REST body limit', () => {
  let deployment: string;

  it('two ~600 KB adds in quick succession reach the hub, and the agent stays connected', async () => {
    deployment = (await stack.deploy(graph)).deploymentId;
    await stack.converged(deployment, (v) => v.agents.some((a) => a.name === 'client-2'), 'placed');
    const before = await comings();

    const big = ['a', 'b'].map((c) => c.repeat(600 * 1024));
    // The agent is paused (as by a long GC or a slow disk) while both writes arrive, so that it
    // applies them within one flush interval, as two requests in quick succession often are.
    const agent = stack.processes.get('client-2')?.child;
    agent?.kill('SIGSTOP');
    const sent = Promise.all(big.map((value) => add(deployment, value)));
    try {
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      agent?.kill('SIGCONT');
    }
    const answers = await sent;
    expect(answers.map((r) => r.status)).toEqual([202, 202]);

    const atHub = await waitFor(
      async () => {
        const value = await valueOf(deployment);
        return value.length === 2 ? value : undefined;
      },
      'both values at the hub',
      30_000,
    );
    expect([...atHub].sort()).toEqual(big);
    // A dropped connection comes back within a second; give it the time to show.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await comings()).toBe(before);
    const agents = await stack.agents();
    expect(agents.find((a) => a.name === 'client-2')?.online).toBe(true);
  });

  it('an add whose delta could never be sent is refused, naming the limit, and changes nothing', async () => {
    const before = await comings();
    // Under the 1 MiB REST body limit, over what one replication message may carry.
    const res = await add(deployment, 'c'.repeat(MAX_DELTA_MESSAGE_BYTES + 1024));
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: string };
    expect(error).toMatch(/^agent "client-2" refused the operation: s: /);
    expect(error).toContain(`over the ${MAX_DELTA_MESSAGE_BYTES} bytes`);

    // Many small values: a short body, but a token per value in the delta.
    const many = Array.from({ length: 60_000 }, (_, i) => i);
    const addAll = await stack.ops(deployment, 's', {
      op: { op: 'addAll', values: many },
      agent: 'client-2',
    });
    expect(addAll.status).toBe(422);
    expect(((await addAll.json()) as { error: string }).error).toContain(
      `over the ${MAX_DELTA_MESSAGE_BYTES} bytes`,
    );

    // Still only the two values, from an agent that never left.
    expect((await valueOf(deployment)).length).toBe(2);
    const small = await add(deployment, 'small');
    expect(small.status).toBe(202);
    const three = async () => ((await valueOf(deployment)).length === 3 ? true : undefined);
    await waitFor(three, 'the small value at the hub');
    expect(await comings()).toBe(before);
  });
});
