import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentError } from './agent-errors.js';
import { AgentStore } from './agent-store.js';
import type { Agent } from './agent-types.js';
import { createAgent } from './create-agent.js';
import { counterGraph } from './testing/graphs.js';

// No control plane here (the multi-process tests run the real one): nothing listens on the
// URL, so these agents are offline and work from what their data dir holds.
const OFFLINE_URL = 'http://127.0.0.1:9';
const logger = pino({ level: 'silent' });
const dirs: string[] = [];
const agents: Agent[] = [];

afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(dataDir?: string, name = 'client-1'): Agent {
  const agent = createAgent({
    url: OFFLINE_URL,
    token: 'token',
    name,
    logger,
    ...(dataDir === undefined ? {} : { dataDir }),
  });
  agents.push(agent);
  return agent;
}

/** A data dir that holds an assignment of the counter graph, as a previous run left it. */
function seededDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-agent-'));
  dirs.push(dir);
  const store = AgentStore.open(dir);
  store.saveAssignment({
    deployment: 'd1',
    version: 4,
    graph: counterGraph(),
    nodes: [],
    variables: ['clicks', 'names'],
    executors: [],
    replica: `client-1.${store.instance}`,
  });
  store.close();
  return dir;
}

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return error instanceof AgentError ? `${error.code}: ${error.message}` : String(error);
  }
  return 'no error';
};

describe('createAgent (offline)', () => {
  it('resumes its stored deployments at once and serves update, query and subscribe', async () => {
    const dir = seededDir();
    const agent = start(dir);
    expect(agent.connected).toBe(false);
    expect(agent.deployments()).toEqual([
      {
        deployment: 'd1',
        version: 4,
        replica: `client-1.${agent.instance}`,
        variables: ['clicks', 'names'],
      },
    ]);
    const seen: unknown[] = [];
    agent.subscribe('clicks', (v) => seen.push(v));
    agent.update('clicks', { op: 'increment' });
    agent.update('clicks', { op: 'increment', by: 2 }, { deployment: 'd1' });
    expect(seen).toEqual([1, 3]);
    expect(agent.query('clicks')).toBe(3);
    expect(errorOf(() => agent.update('score', { op: 'increment' }))).toBe(
      'unknown-variable: no deployment on this agent holds score',
    );
    expect(errorOf(() => agent.update('clicks', { op: 'fly' }))).toMatch(
      /^invalid-op: invalid operation for clicks/,
    );
    expect(errorOf(() => agent.query('clicks', { deployment: 'd2' }))).toBe(
      'unknown-deployment: deployment d2 does not run on this agent',
    );

    const instance = agent.instance;
    await agent.stop();
    expect(agent.stopped).toBe(true);
    expect(errorOf(() => agent.update('clicks', { op: 'increment' }))).toBe(
      'stopped: agent client-1 has stopped',
    );
    const again = start(dir);
    expect(again.instance).toBe(instance);
    expect(again.query('clicks')).toBe(3);
  });

  it('watches a variable no deployment holds yet, and starts empty in memory', () => {
    const agent = start();
    expect(agent.deployments()).toEqual([]);
    expect(() => agent.subscribe('clicks', () => {})).not.toThrow();
    expect(errorOf(() => agent.query('clicks'))).toMatch(/^unknown-variable/);
    expect(agent.instance).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses invalid options without leaving its data dir locked', () => {
    const dir = seededDir();
    expect(() => start(dir, 'bad name!')).toThrow(/^invalid agent options: name: /);
    expect(() =>
      createAgent({ url: 'localhost:4000', token: 't', name: 'a', dataDir: dir, logger }),
    ).toThrow('invalid agent options: url: localhost:4000 is not an http(s) URL');
    AgentStore.open(dir).close();
  });
});
