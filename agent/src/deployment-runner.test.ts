import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  agentShare,
  MAX_DELTA_MESSAGE_BYTES,
  placeGraph,
  type Assignment,
  type GraphDocument,
} from '@inflow/shared-core';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentError } from './agent-errors.js';
import { AgentStore } from './agent-store.js';
import { DeploymentRunner } from './deployment-runner.js';
import { adCounterGraph, counterGraph, leaderboardGraph } from './testing/graphs.js';
import { createHub } from './testing/hub-harness.js';

const logger = pino({ level: 'silent' });
const dirs: string[] = [];
const stores: AgentStore[] = [];

function store(dir?: string): AgentStore {
  const s = AgentStore.open(dir);
  stores.push(s);
  return s;
}

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const counterAssignment = (replica: string, graph = counterGraph()): Assignment => ({
  deployment: 'd1',
  version: 1,
  graph,
  nodes: [],
  variables: ['clicks', 'names'],
  executors: [],
  replica,
});

describe('DeploymentRunner', () => {
  it('applies, validates and refuses local operations with specific errors', () => {
    const runner = DeploymentRunner.start(counterAssignment('a'), { log: store().log, logger });
    runner.update('clicks', { op: 'increment', by: 2 });
    expect(runner.query('clicks')).toBe(2);
    const seen: unknown[] = [];
    const stop = runner.subscribe('names', (v) => seen.push(v));
    runner.update('names', { op: 'add', value: 'x' });
    stop();
    runner.update('names', { op: 'add', value: 'y' });
    expect(seen).toEqual([['x']]);
    const code = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        return error instanceof AgentError ? `${error.code}: ${error.message}` : String(error);
      }
      return 'no error';
    };
    expect(code(() => runner.update('nope', { op: 'increment' }))).toBe(
      'unknown-variable: nope is not held by deployment d1 on this agent',
    );
    expect(code(() => runner.update('clicks', { op: 'add', value: 1 }))).toMatch(
      /^invalid-op: invalid operation for clicks \(gcounter\)/,
    );
    expect(code(() => runner.query('nope'))).toMatch(/^unknown-variable/);
    runner.close();
    expect(code(() => runner.update('clicks', { op: 'increment' }))).toMatch(/^stopped/);
  });

  it('converges two runners through the hub room', async () => {
    const hub = createHub('d1', counterGraph());
    const a = DeploymentRunner.start(counterAssignment('a'), { log: store().log, logger });
    const b = DeploymentRunner.start(counterAssignment('b'), { log: store().log, logger });
    hub.attach('a', a);
    hub.attach('b', b);
    for (let i = 0; i < 20; i++) (i % 2 ? a : b).update('clicks', { op: 'increment' });
    a.update('names', { op: 'add', value: 'x' });
    b.update('names', { op: 'add', value: 'y' });
    await hub.settle();
    b.update('names', { op: 'remove', value: 'x' });
    await hub.settle();
    for (const r of [a, b]) {
      expect(r.query('clicks')).toBe(20);
      expect(r.query('names')).toEqual(['y']);
      expect(r.stats().unacked).toBe(0);
    }
    expect(hub.room.query('clicks')).toBe(20);
  });

  it('repairs a forwarded delta lost on the way at the next anti-entropy round', async () => {
    const hub = createHub('d1', counterGraph());
    const a = DeploymentRunner.start(counterAssignment('a'), { log: store().log, logger });
    const b = DeploymentRunner.start(counterAssignment('b'), { log: store().log, logger });
    hub.attach('a', a);
    const toB = hub.attach('b', b);
    await hub.settle();
    toB.pair.faults.drop = 1;
    a.update('clicks', { op: 'increment' });
    await hub.settle();
    expect(b.query('clicks')).toBe(0);
    toB.pair.faults.drop = 0;
    b.antiEntropy();
    await hub.settle();
    expect(b.query('clicks')).toBe(1);
  });

  it('applies a batch as one durable commit, and refuses a batch with a bad op whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inflow-agent-batch-'));
    dirs.push(dir);
    const first = store(dir);
    const runner = DeploymentRunner.start(counterAssignment('a'), { log: first.log, logger });
    const increments = Array.from({ length: 100 }, () => ({ op: 'increment' }));
    runner.updateAll('clicks', increments);
    expect(() =>
      runner.updateAll('clicks', [{ op: 'increment' }, { op: 'add', value: 1 }]),
    ).toThrow(/invalid-op|operation #1/);
    expect(runner.query('clicks')).toBe(100);
    runner.close();
    first.close();
    const again = DeploymentRunner.start(counterAssignment('a'), { log: store(dir).log, logger });
    expect(again.query('clicks')).toBe(100);
    expect(again.stats().unacked).toBe(100);
  });

  it('refuses an operation whose delta no replication message could carry: nothing logged or applied', () => {
    const { log } = store();
    const runner = DeploymentRunner.start(counterAssignment('a'), { log, logger });
    const names = { deployment: 'd1', variable: 'names' };
    runner.update('names', { op: 'add', value: 'x' });
    const refusal = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        return error instanceof AgentError ? `${error.code}: ${error.message}` : String(error);
      }
      return 'no error';
    };
    const big = { op: 'add', value: 'v'.repeat(MAX_DELTA_MESSAGE_BYTES) };
    expect(refusal(() => runner.update('names', big))).toMatch(
      new RegExp(
        `^op-too-large: names: this operation's delta is \\d+ bytes, over the ` +
          `${MAX_DELTA_MESSAGE_BYTES} bytes one replication message to the hub may carry`,
      ),
    );
    // A short operation whose delta holds a token per value.
    const many = { op: 'addAll', values: Array.from({ length: 100_000 }, (_, i) => i) };
    expect(refusal(() => runner.update('names', many))).toMatch(/^op-too-large: names: /);
    // In a batch, those before it stay applied and the error names it.
    const batch = [{ op: 'add', value: 'y' }, big];
    expect(refusal(() => runner.updateAll('names', batch))).toMatch(/^op-too-large: names #1: /);
    expect(runner.query('names')).toEqual(['x', 'y']);
    expect(log.load(names).entries).toHaveLength(2);
    runner.update('names', { op: 'add', value: 'z'.repeat(600 * 1024) });
    expect(runner.stats().unacked).toBe(3);
  });

  it('rebuilt from its SQLite file after a crash, keeps every logged update and never reuses a dot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inflow-agent-runner-'));
    dirs.push(dir);
    const hub = createHub('d1', counterGraph());
    const first = store(dir);
    const a = DeploymentRunner.start(counterAssignment('a'), { log: first.log, logger });
    const b = DeploymentRunner.start(counterAssignment('b'), { log: store().log, logger });
    hub.attach('a', a);
    hub.attach('b', b);
    for (let i = 0; i < 5; i++) a.update('clicks', { op: 'increment' });
    a.update('names', { op: 'add', value: 'x' });
    await hub.settle();
    // Logged but never sent: the process dies before the next flush.
    for (let i = 0; i < 3; i++) a.update('clicks', { op: 'increment' });
    hub.attached.get('a')?.pair.disconnect();
    a.close();
    first.close();

    const restarted = DeploymentRunner.start(counterAssignment('a'), {
      log: store(dir).log,
      logger,
    });
    expect(restarted.query('clicks')).toBe(8);
    expect(restarted.stats().unacked).toBe(3);
    hub.attach('a', restarted);
    for (let i = 0; i < 4; i++) restarted.update('clicks', { op: 'increment' });
    // A reused dot would give z the token x had, and removing x would remove z too.
    restarted.update('names', { op: 'add', value: 'z' });
    await hub.settle();
    b.update('names', { op: 'remove', value: 'x' });
    await hub.settle();
    for (const value of [restarted.query('clicks'), b.query('clicks'), hub.room.query('clicks')]) {
      expect(value).toBe(12);
    }
    expect(b.query('names')).toEqual(['z']);
    expect(restarted.query('names')).toEqual(['z']);
  });

  it('runs the placed ad counter: every ad removed once through the effect ledger', async () => {
    const graph: GraphDocument = adCounterGraph();
    const agents = [
      { name: 'client-1', labels: { role: 'client' }, trusted: false },
      { name: 'client-2', labels: { role: 'client' }, trusted: false },
      { name: 'server-1', labels: { role: 'server' }, trusted: true },
    ];
    const placed = placeGraph(graph, agents);
    if (!placed.ok) throw new Error('placement failed');
    const hub = createHub('ads', graph);
    const runners = agents.map(({ name }) => {
      const share = agentShare(graph, placed.placement, name);
      const assignment: Assignment = {
        deployment: 'ads',
        version: 1,
        graph,
        nodes: [...share.nodes],
        variables: [...share.variables],
        executors: ['server-1'],
        replica: name,
      };
      const runner = DeploymentRunner.start(assignment, { log: store().log, logger });
      hub.attach(name, runner);
      return runner;
    });
    const ads = ['rovio-1', 'riot-1'];
    for (const id of ads) {
      const list = id.startsWith('rovio') ? 'rovioAds' : 'riotAds';
      hub.room.update(list, { op: 'add', value: { id } }, 'hub');
      hub.room.update('contracts', { op: 'add', value: { id } }, 'hub');
    }
    await hub.settle();
    const [c1, c2, server] = runners as [DeploymentRunner, DeploymentRunner, DeploymentRunner];
    for (let i = 0; i < 220; i++) {
      (i % 2 ? c1 : c2).update('impressions', {
        op: 'apply',
        key: ads[i % 2] as string,
        inner: { op: 'increment' },
      });
      if (i % 25 === 0) await hub.settle();
    }
    await hub.settle();
    expect(hub.room.query('rovioAds')).toEqual([]);
    expect(hub.room.query('riotAds')).toEqual([]);
    expect(server.query('impressions')).toEqual({ 'riot-1': 110, 'rovio-1': 110 });
    expect(
      hub.ledger
        .records('ads')
        .map((r) => [r.key, r.status, r.holder, r.grants])
        .sort(),
    ).toEqual(ads.map((ad) => [ad, 'done', 'server-1', 1]).sort());
  });

  it('reports the values of its local variables only, the hub holding none of them', () => {
    const graph = leaderboardGraph();
    const placed = placeGraph(graph, [
      { name: 'client-1', labels: { role: 'client' }, trusted: false },
    ]);
    if (!placed.ok) throw new Error('placement failed');
    const share = agentShare(graph, placed.placement, 'client-1');
    const runner = DeploymentRunner.start(
      {
        deployment: 'lb',
        version: 1,
        graph,
        nodes: [...share.nodes],
        variables: [...share.variables],
        executors: [],
        replica: 'client-1',
      },
      { log: store().log, logger },
    );
    expect(runner.localVariables).toEqual(['scores']);
    expect(runner.localValues(0)).toEqual({ scores: { value: [] } });
    runner.update('scores', { op: 'add', value: { player: 'ann', score: 10 } });
    expect(runner.localValues(1_000)).toEqual({
      scores: { value: [{ player: 'ann', score: 10 }] },
    });
  });
});
