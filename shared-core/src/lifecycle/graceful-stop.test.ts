import { describe, expect, it } from 'vitest';
import { gracefulStop } from './graceful-stop.js';

/** Lets the stop's promise chain run. */
async function settled() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function rig(stop: () => Promise<void>) {
  const exits: number[] = [];
  const lines: string[] = [];
  const onSignal = gracefulStop({
    stop,
    exit: (code) => void exits.push(code),
    log: {
      info: (_f, m) => void lines.push(`info ${m}`),
      warn: (_f, m) => void lines.push(`warn ${m}`),
      error: (_f, m) => void lines.push(`error ${m}`),
    },
  });
  return { onSignal, exits, lines };
}

describe('graceful stop on signals', () => {
  it('stops cleanly on the first signal and exits 0', async () => {
    let stopped = 0;
    const r = rig(async () => void stopped++);
    r.onSignal('SIGTERM');
    await settled();
    expect(stopped).toBe(1);
    expect(r.exits).toEqual([0]);
    expect(r.lines).toEqual(['info stopping']);
  });

  it('exits 1 when stopping fails', async () => {
    const r = rig(() => Promise.reject(new Error('disk gone')));
    r.onSignal('SIGINT');
    await settled();
    expect(r.exits).toEqual([1]);
    expect(r.lines).toContain('error could not stop cleanly');
  });

  it('exits 1 at once on a second signal while the first stop is running', () => {
    const r = rig(() => new Promise<void>(() => undefined));
    r.onSignal('SIGINT');
    expect(r.exits).toEqual([]);
    r.onSignal('SIGINT');
    expect(r.exits).toEqual([1]);
    expect(r.lines).toContain('warn second signal: exiting without a clean stop');
  });
});
