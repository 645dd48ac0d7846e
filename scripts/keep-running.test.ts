import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepRunning } from './keep-running.js';
import type { StackProcess } from './local-stack.js';

/** A process that exits when the test says so, or when it is stopped (with 0, as an agent does). */
interface FakeProcess extends StackProcess {
  exit(code: number | string): void;
  stopped: boolean;
}

function fakeProcess(name: string): FakeProcess {
  let resolve: (code: number | string) => void = () => {};
  const exited = new Promise<number | string>((r) => (resolve = r));
  const fake: FakeProcess = {
    name,
    child: {} as ChildProcess,
    exited,
    output: () => '',
    stop: () => {
      fake.stopped = true;
      resolve(0);
      return exited;
    },
    kill: () => {
      resolve('SIGKILL');
      return exited;
    },
    exit: (code) => resolve(code),
    stopped: false,
  };
  return fake;
}

let started: FakeProcess[];
let lines: string[];
const keep = () =>
  keepRunning(
    () => {
      const p = fakeProcess(`run-${started.length + 1}`);
      started.push(p);
      return p;
    },
    { name: 'agent client-1', log: (line) => lines.push(line), seeAlso: 'client-1.log' },
  );
const last = (): FakeProcess => started[started.length - 1] as FakeProcess;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  started = [];
  lines = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('keepRunning, as npm start runs each local agent', () => {
  it('when the agent is killed, then it is started again after 1 s, then 2 s', async () => {
    const kept = keep();
    await vi.advanceTimersByTimeAsync(5_000);
    last().exit('SIGKILL');
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toHaveLength(1);
    expect(lines).toEqual([
      'agent client-1 exited (SIGKILL) after 5 s; restarting it in 1 s; see client-1.log',
    ]);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toHaveLength(2);
    expect(kept.current()).toBe(last());
    expect(lines[1]).toBe('agent client-1 restarted');

    last().exit(1);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(started).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toHaveLength(3);
  });

  it('when it exits for good (a revoked token), then it stays down and says why', async () => {
    keep();
    last().exit(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toHaveLength(1);
    expect(lines).toEqual([
      'agent client-1 exited (3); not restarting it: the control plane refused it for good ' +
        '(a bad or revoked token, or another process took its name); see client-1.log',
    ]);
  });

  it('when stopped (Ctrl-C), then the agent is stopped and never restarted', async () => {
    const kept = keep();
    expect(await kept.stop()).toBe(0);
    expect(started[0]?.stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toHaveLength(1);
    expect(lines).toEqual([]);
  });

  it('when stopped while a restart waits, then the restart is called off', async () => {
    const kept = keep();
    last().exit('SIGKILL');
    await vi.advanceTimersByTimeAsync(500);
    await kept.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toHaveLength(1);
  });
});
