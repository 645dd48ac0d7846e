import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { dwflag } from './dwflag.js';
import type { FlagOp } from './ewflag.js';
import { join, update } from './lattice.js';

const op: fc.Arbitrary<FlagOp> = fc.constantFrom<FlagOp>({ op: 'enable' }, { op: 'disable' });

describeCrdtLaws(dwflag, op, {
  sequentialSpec: (_before, o, after) => expect(after).toBe(o.op === 'enable'),
});

describe('dwflag', () => {
  it('starts enabled, as in Lasp', () => {
    expect(dwflag.query(dwflag.bottom())).toBe(true);
  });

  it('a disable concurrent with an enable wins', () => {
    const a = dwflag.bottom();
    update(dwflag, a, { op: 'disable' }, 'a');
    const b = dwflag.clone(a);
    update(dwflag, a, { op: 'enable' }, 'a');
    update(dwflag, b, { op: 'disable' }, 'b');
    expect(dwflag.query(a)).toBe(true);
    expect(dwflag.query(join(dwflag, a, b))).toBe(false);
    expect(dwflag.query(join(dwflag, b, a))).toBe(false);
  });

  it('an enable that saw every disable turns the flag on everywhere', () => {
    const a = dwflag.bottom();
    const b = dwflag.bottom();
    dwflag.mergeInto(b, update(dwflag, a, { op: 'disable' }, 'a'));
    dwflag.mergeInto(a, update(dwflag, b, { op: 'disable' }, 'b'));
    dwflag.mergeInto(b, update(dwflag, a, { op: 'enable' }, 'a'));
    expect(dwflag.query(b)).toBe(true);
    expect(dwflag.equals(a, b)).toBe(true);
  });
});
