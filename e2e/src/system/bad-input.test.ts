import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT, SERVER, Stack } from './stack.js';

// Bad input on the surfaces a running installation exposes: every process stays up and the
// stored data does not change.

let stack: Stack;

beforeAll(async () => {
  stack = await Stack.start();
  await stack.startProcess({ name: 'client-1', labels: CLIENT });
  await stack.startProcess({ name: 'server-1', labels: SERVER, trusted: true });
  await stack.online(['client-1', 'server-1']);
});
afterAll(() => stack?.dispose());

describe('bad input against a running installation', () => {
  it('is refused with a specific message while every process stays up and nothing changes', async () => {
    const deployment = await stack.deployExample('ad-counter.json');
    const before = await stack.converged(deployment, (v) => v.agents.length === 2, 'placed');

    const forged = await stack.startProcess(
      { name: 'intruder', labels: CLIENT },
      'not-a-real-token-0123456789',
    );
    expect(await forged.exited).toBe(3);
    expect(forged.output()).toContain('unknown or revoked agent token');

    const raw = (path: string, body: string, type = 'application/json') =>
      fetch(`${stack.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': type },
        body,
      });
    const malformed = await raw('/api/deployments', '{"nodes": [');
    expect(malformed.status).toBe(400);
    const oversize = await raw('/api/deployments', `"${'x'.repeat(2 * 1024 * 1024)}"`);
    expect(oversize.status).toBe(413);
    const invalid = await raw('/api/deployments', JSON.stringify({ format: 'inflow-graph' }));
    expect(invalid.status).toBe(422);
    const badOp = await stack.ops(deployment, 'impressions', { op: { op: 'explode' } });
    expect(badOp.status).toBe(422);
    expect(((await badOp.json()) as { error: string }).error).toContain('gmap');
    const ghost = await stack.ops(deployment, 'contracts', {
      op: { op: 'add', value: 'x' },
      agent: 'ghost',
    });
    // No agent of that name ever joined: not "offline" (409), but a name to check (422).
    expect(ghost.status).toBe(422);
    expect(((await ghost.json()) as { error: string }).error).toMatch(
      /^agent: there is no agent named "ghost"/,
    );
    expect((await stack.ops(deployment, 'nosuch', { op: { op: 'add', value: 1 } })).status).toBe(
      404,
    );

    for (const p of stack.processes.values()) {
      if (p.name !== 'intruder') expect(p.child.exitCode).toBeNull();
    }
    const after = await stack.view(deployment);
    expect(after.variables).toEqual(before.variables);
    expect(after.placement).toEqual(before.placement);
    expect(await stack.api.json('GET', '/api/deployments')).toHaveLength(1);
  });
});
