import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { ewflag, type FlagOp } from './ewflag.js';
import { join, update } from './lattice.js';

const op: fc.Arbitrary<FlagOp> = fc.constantFrom<FlagOp>({ op: 'enable' }, { op: 'disable' });

describeCrdtLaws(ewflag, op, {
  sequentialSpec: (_before, o, after) => expect(after).toBe(o.op === 'enable'),
});

describe('ewflag', () => {
  it('starts disabled', () => {
    expect(ewflag.query(ewflag.bottom())).toBe(false);
  });

  it('an enable concurrent with a disable wins', () => {
    const a = ewflag.bottom();
    update(ewflag, a, { op: 'enable' }, 'a');
    const b = ewflag.clone(a);
    update(ewflag, a, { op: 'disable' }, 'a');
    update(ewflag, b, { op: 'enable' }, 'b');
    expect(ewflag.query(join(ewflag, a, b))).toBe(true);
    expect(ewflag.query(join(ewflag, b, a))).toBe(true);
  });

  it('a disable that saw every enable turns the flag off everywhere', () => {
    const a = ewflag.bottom();
    const b = ewflag.bottom();
    const fromA = update(ewflag, a, { op: 'enable' }, 'a');
    ewflag.mergeInto(a, update(ewflag, b, { op: 'enable' }, 'b'));
    ewflag.mergeInto(b, fromA);
    expect(a.store).toHaveLength(2);
    const off = update(ewflag, a, { op: 'disable' }, 'a');
    expect(off.store).toEqual([]);
    ewflag.mergeInto(b, off);
    expect(ewflag.query(b)).toBe(false);
  });

  it('re-enabling after a disable works and uses a fresh dot', () => {
    const s = ewflag.bottom();
    const first = update(ewflag, s, { op: 'enable' }, 'a');
    update(ewflag, s, { op: 'disable' }, 'a');
    const again = update(ewflag, s, { op: 'enable' }, 'a');
    expect(ewflag.query(s)).toBe(true);
    expect(again.store[0]?.dot.counter).toBe((first.store[0]?.dot.counter ?? 0) + 1);
  });

  it('validates ops', () => {
    expect(ewflag.opSchema.safeParse({ op: 'enable' }).success).toBe(true);
    expect(ewflag.opSchema.safeParse({ op: 'toggle' }).success).toBe(false);
  });
});
