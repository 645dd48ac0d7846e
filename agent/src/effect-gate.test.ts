import { EffectLedger, MemoryEffectStore, type EffectClaim } from '@inflow/shared-core';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { EffectGate, type EffectChannel } from './effect-gate.js';

const logger = pino({ level: 'silent' });
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** The hub's real ledger behind a channel whose answers can be lost (a timeout). */
function ledgerChannel(ledger: EffectLedger, holder: string) {
  const state = { loseAnswers: 0, claims: 0 };
  const channel: EffectChannel = {
    claim: async (claim: EffectClaim) => {
      state.claims++;
      const decision = ledger.claim(claim, holder);
      if (state.loseAnswers > 0) {
        state.loseAnswers--;
        throw new Error('operation has timed out');
      }
      return decision.granted;
    },
    complete: (claim) => {
      ledger.complete(claim, holder);
    },
  };
  return { channel, state };
}

describe('EffectGate', () => {
  it('performs nothing before a grant: claims wait for a connection, then run once', async () => {
    const ledger = new EffectLedger(new MemoryEffectStore());
    const gate = new EffectGate('d', logger);
    const done: string[] = [];
    gate.request({ node: 'n', key: 'k1' }, () => void done.push('k1'));
    gate.request({ node: 'n', key: 'k1' }, () => void done.push('k1 again'));
    await tick();
    expect(done).toEqual([]);
    expect(gate.pending).toBe(1);
    gate.open(ledgerChannel(ledger, 'a').channel);
    await tick();
    expect(done).toEqual(['k1']);
    expect(ledger.records('d').map((r) => [r.key, r.status])).toEqual([['k1', 'done']]);
  });

  it('reports an effect that failed, and leaves it unfinished in the ledger', async () => {
    const ledger = new EffectLedger(new MemoryEffectStore());
    const failures: [string, unknown][] = [];
    const gate = new EffectGate('d', logger, { onFailure: (node, e) => failures.push([node, e]) });
    gate.open(ledgerChannel(ledger, 'a').channel);
    gate.request({ node: 'n', key: 'k' }, () => {
      throw new Error('no such key: id');
    });
    gate.request({ node: 'm', key: 'k' }, () => Promise.reject(new Error('sink down')));
    await tick();
    await tick();
    expect(failures.map(([node, e]) => [node, (e as Error).message])).toEqual([
      ['n', 'no such key: id'],
      ['m', 'sink down'],
    ]);
    expect(ledger.records('d').every((r) => r.status !== 'done')).toBe(true);
  });

  it('does not perform what another agent was granted', async () => {
    const ledger = new EffectLedger(new MemoryEffectStore());
    ledger.claim({ deployment: 'd', node: 'n', key: 'k' }, 'other');
    const gate = new EffectGate('d', logger);
    const done: string[] = [];
    gate.open(ledgerChannel(ledger, 'a').channel);
    gate.request({ node: 'n', key: 'k' }, () => void done.push('k'));
    await tick();
    expect(done).toEqual([]);
    expect(gate.pending).toBe(0);
  });

  it('asks again after an unanswered claim, and performs once', async () => {
    const ledger = new EffectLedger(new MemoryEffectStore());
    const { channel, state } = ledgerChannel(ledger, 'a');
    state.loseAnswers = 1;
    const gate = new EffectGate('d', logger, { firstRetryMs: 5 });
    const done: string[] = [];
    gate.open(channel);
    gate.request({ node: 'n', key: 'k' }, () => void done.push('k'));
    await tick();
    expect(done).toEqual([]);
    expect(gate.pending).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).toEqual(['k']);
    expect(state.claims).toBe(2);
    expect(ledger.records('d')[0]).toMatchObject({ status: 'done', grants: 1 });
  });

  it('reports completion on the next connection when it lost the last, and drops all on close', async () => {
    const ledger = new EffectLedger(new MemoryEffectStore());
    const gate = new EffectGate('d', logger);
    const { channel } = ledgerChannel(ledger, 'a');
    const done: string[] = [];
    gate.open(channel);
    gate.request({ node: 'n', key: 'k' }, () => {
      done.push('k');
      gate.pause();
    });
    await tick();
    expect(ledger.records('d')[0]?.status).toBe('granted');
    gate.open(channel);
    expect(ledger.records('d')[0]?.status).toBe('done');

    gate.pause();
    gate.request({ node: 'n', key: 'later' }, () => void done.push('later'));
    gate.close();
    gate.open(channel);
    await tick();
    expect(done).toEqual(['k']);
  });
});
