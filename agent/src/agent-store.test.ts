import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentStore } from './agent-store.js';
import { counterGraph } from './testing/graphs.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-agent-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const assignment = (deployment: string, version: number) => ({
  deployment,
  version,
  graph: counterGraph(),
  nodes: [],
  variables: ['clicks'],
  executors: [],
  replica: 'a.x',
});

describe('AgentStore', () => {
  it('generates an instance id once per data dir, and one per process in memory', () => {
    const dir = tempDir();
    const a = AgentStore.open(dir);
    const instance = a.instance;
    expect(instance).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    a.close();
    const b = AgentStore.open(dir);
    expect(b.instance).toBe(instance);
    b.close();
    const m1 = AgentStore.open();
    const m2 = AgentStore.open();
    expect(m1.instance).not.toBe(m2.instance);
    expect(m1.file).toBeUndefined();
    m1.close();
    m2.close();
  });

  it('refuses a second process on the same data dir while the first has it open', () => {
    const dir = tempDir();
    const a = AgentStore.open(dir);
    expect(() => AgentStore.open(dir)).toThrow(/in use by another agent process/);
    a.close();
    AgentStore.open(dir).close();
  });

  it('keeps the last assignment per deployment across a reopen, until it is forgotten', () => {
    const dir = tempDir();
    const a = AgentStore.open(dir);
    a.saveAssignment(assignment('d1', 1));
    a.saveAssignment(assignment('d2', 1));
    a.saveAssignment(assignment('d1', 3));
    a.log.append({ deployment: 'd1', variable: 'clicks' }, 1, new Uint8Array([1]));
    a.close();
    const b = AgentStore.open(dir);
    const { assignments, unreadable } = b.assignments();
    expect(unreadable).toEqual([]);
    expect(assignments.map((x) => [x.deployment, x.version])).toEqual([
      ['d1', 3],
      ['d2', 1],
    ]);
    expect(assignments[0]).toEqual(assignment('d1', 3));
    b.forgetDeployment('d1');
    expect(b.assignments().assignments.map((x) => x.deployment)).toEqual(['d2']);
    expect(b.log.load({ deployment: 'd1', variable: 'clicks' }).entries).toEqual([]);
    b.close();
  });
});
