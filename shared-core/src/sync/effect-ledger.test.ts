import { describe, expect, it } from 'vitest';
import { Prng } from '../simulation/prng.js';
import { EffectLedger, MemoryEffectStore } from './effect-ledger.js';

const bill = { deployment: 'd1', node: 'billing', key: 'rovio-1' };

describe('EffectLedger', () => {
  it('grants an effect to one claimant only, and again to the same claimant until it completes', () => {
    const ledger = new EffectLedger(new MemoryEffectStore());
    expect(ledger.claim(bill, 'server-1')).toEqual({ granted: true, grants: 1 });
    expect(ledger.claim(bill, 'server-2')).toEqual({
      granted: false,
      holder: 'server-1',
      status: 'granted',
    });
    // The holder asks again after a reconnect: it still holds it.
    expect(ledger.claim(bill, 'server-1')).toEqual({ granted: true, grants: 1 });
    expect(ledger.complete(bill, 'server-2')).toBe(false);
    expect(ledger.complete(bill, 'server-1')).toBe(true);
    expect(ledger.claim(bill, 'server-1')).toMatchObject({ granted: false, status: 'done' });
  });

  it('keys effects by deployment, node and key', () => {
    const ledger = new EffectLedger(new MemoryEffectStore());
    expect(ledger.claim(bill, 'a').granted).toBe(true);
    expect(ledger.claim({ ...bill, key: 'rovio-2' }, 'b').granted).toBe(true);
    expect(ledger.claim({ ...bill, node: 'log' }, 'b').granted).toBe(true);
    expect(ledger.claim({ ...bill, deployment: 'd2' }, 'b').granted).toBe(true);
    expect(ledger.records('d1')).toHaveLength(3);
  });

  it('hands the uncompleted grants of a dead holder to the next claimant, never the completed ones', () => {
    const ledger = new EffectLedger(new MemoryEffectStore());
    const other = { ...bill, key: 'riot-1' };
    ledger.claim(bill, 'server-1');
    ledger.claim(other, 'server-1');
    ledger.complete(other, 'server-1');
    expect(ledger.release('d1', 'server-1')).toBe(1);
    expect(ledger.claim(other, 'server-2')).toMatchObject({ granted: false, status: 'done' });
    expect(ledger.claim(bill, 'server-2')).toEqual({ granted: true, grants: 2 });
    expect(ledger.claim(bill, 'server-3').granted).toBe(false);
    // The dead holder coming back late cannot complete what it no longer holds.
    expect(ledger.complete(bill, 'server-1')).toBe(false);
    expect(ledger.complete(bill, 'server-2')).toBe(true);
  });

  it('grants each effect exactly once among many racing claimants when no holder dies', () => {
    const ledger = new EffectLedger(new MemoryEffectStore());
    const rng = new Prng(11);
    const granted = new Map<string, Set<string>>();
    for (let i = 0; i < 2000; i++) {
      const claim = { deployment: 'd1', node: 'n', key: `k${rng.int(50)}` };
      const claimant = `agent${rng.int(4)}`;
      if (ledger.claim(claim, claimant).granted) {
        granted.set(claim.key, (granted.get(claim.key) ?? new Set()).add(claimant));
      }
    }
    expect(granted.size).toBe(50);
    for (const holders of granted.values()) expect(holders.size).toBe(1);
  });
});
