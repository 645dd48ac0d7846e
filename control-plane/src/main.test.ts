import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { within } from './testing/test-server.js';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  const child = spawn(TSX, [MAIN], {
    env: { ...process.env, INFLOW_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function banner(r: Run): Promise<{ url: string; token?: string }> {
  await within(
    (async () => {
      while (
        !/on http:\/\/\S+\n/.test(r.stdout()) ||
        (r.stdout().includes('Generated') && !/Use it/.test(r.stdout()))
      ) {
        if (r.child.exitCode !== null) throw new Error(`exited early: ${r.stderr()}`);
        await new Promise((res) => setTimeout(res, 50));
      }
    })(),
    30_000,
    'the banner',
  );
  const url = /on (http:\/\/\S+)\n/.exec(r.stdout())![1]!;
  const token = /^ {2}([A-Za-z0-9_-]{43})$/m.exec(r.stdout())?.[1];
  return token === undefined ? { url } : { url, token };
}

describe('the CLI entry', () => {
  it('when started on a fresh data dir, then it prints the URL and a token once, and stops cleanly on SIGINT', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'inflow-main-'));
    dirs.push(dataDir);
    const env = { PORT: '0', INFLOW_DATA_DIR: dataDir };

    const first = run(env);
    const { url, token } = await banner(first);
    expect(token).toBeDefined();
    const res = await fetch(`${url}/api/agents`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    first.child.kill('SIGINT');
    expect(await within(first.exit, 10_000, 'exit after SIGINT')).toBe(0);

    const second = run(env);
    const again = await banner(second);
    expect(again.token).toBeUndefined();
    expect(second.stdout()).not.toContain('Generated');
    const res2 = await fetch(`${again.url}/api/agents`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res2.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await within(second.exit, 10_000, 'exit after SIGTERM')).toBe(0);
  });

  it('when the configuration is invalid, then it exits with code 2 and names the variable', async () => {
    const bad = run({ PORT: 'eighty' });
    expect(await within(bad.exit, 30_000, 'exit')).toBe(2);
    expect(bad.stderr()).toMatch(/invalid configuration:\n {2}PORT: /);
  });
});
