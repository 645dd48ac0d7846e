import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Assignment } from '@inflow/shared-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentStore } from './agent-store.js';
import { DeploymentRunner } from './deployment-runner.js';
import { webhookGraph } from './testing/graphs.js';
import { createHub } from './testing/hub-harness.js';

const logger = pino({ level: 'silent' });
let server: Server;
let url = '';
const received: Array<{ key: string; body: { value: unknown } }> = [];
let failNext = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({
        key: String(req.headers['idempotency-key']),
        body: JSON.parse(body) as { value: unknown },
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const assignment = (replica: string): Assignment => ({
  deployment: 'd1',
  version: 1,
  graph: webhookGraph(url),
  nodes: ['hook'],
  variables: ['clicks'],
  executors: [replica],
  replica,
});

describe('a webhook sink', () => {
  it('POSTs each value once per deployment, however many agents run it', async () => {
    const hub = createHub('d1', webhookGraph(url));
    const stores = [AgentStore.open(), AgentStore.open()];
    const [a, b] = ['a', 'b'].map((name, i) =>
      DeploymentRunner.start(assignment(name), { log: stores[i]!.log, logger }),
    ) as [DeploymentRunner, DeploymentRunner];
    hub.attach('a', a);
    hub.attach('b', b);
    for (let i = 0; i < 3; i++) {
      a.update('clicks', { op: 'increment' });
      await hub.settle();
      await new Promise((r) => setTimeout(r, 50));
      await hub.settle();
    }
    const values = received.map((r) => r.body.value);
    expect(new Set(values).size).toBe(values.length);
    expect(values).toContain(3);
    expect(received.every((r) => r.key.startsWith('d1/hook/'))).toBe(true);
    expect(hub.ledger.records('d1').every((r) => r.status === 'done' && r.grants === 1)).toBe(true);
    // What each agent reports of it: the receiver's answer beside the value, newest first.
    const lines = [a, b].flatMap((r) => r.sinkLines().hook ?? []).map((l) => l.text);
    expect(lines).toContain('204 ← 3');
    expect(lines).toHaveLength(values.length);
    for (const s of stores) s.close();
  });

  it('is not reported done when the receiver fails, so the grant stays with its holder', async () => {
    received.length = 0;
    failNext = 1;
    const hub = createHub('d1', webhookGraph(url));
    const store = AgentStore.open();
    const runner = DeploymentRunner.start(assignment('a'), { log: store.log, logger });
    hub.attach('a', runner);
    runner.update('clicks', { op: 'increment' });
    await hub.settle();
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toEqual([]);
    expect(hub.ledger.records('d1')).toMatchObject([{ status: 'granted', holder: 'a' }]);
    expect(runner.sinkLines().hook?.map((l) => l.text)).toEqual([
      expect.stringMatching(/^failed: webhook .* answered 503$/),
    ]);
    store.close();
  });
});
