import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { boolean, type BooleanOp } from './boolean.js';
import { decodeState, update } from './lattice.js';

const op: fc.Arbitrary<BooleanOp> = fc.constant({ op: 'enable' as const });

describeCrdtLaws(boolean, op, {
  sequentialSpec: (_before, _o, after) => expect(after).toBe(true),
});

describe('boolean', () => {
  it('is false until enabled, and an enable anywhere wins the merge', () => {
    const a = boolean.bottom();
    const b = boolean.bottom();
    expect(boolean.query(a)).toBe(false);
    update(boolean, b, { op: 'enable' }, 'b');
    expect(boolean.mergeInto(a, b)).toBe(true);
    expect(boolean.mergeInto(b, boolean.bottom())).toBe(false);
    expect([boolean.query(a), boolean.query(b)]).toEqual([true, true]);
  });

  it('enabling twice yields a bottom delta', () => {
    const s = boolean.bottom();
    update(boolean, s, { op: 'enable' }, 'a');
    expect(boolean.mutate(s, { op: 'enable' }, 'a')).toEqual(boolean.bottom());
  });

  it('rejects a flag byte other than 0 or 1', () => {
    const result = decodeState(boolean, new Uint8Array([1, 2]));
    expect(result.ok).toBe(false);
  });
});
