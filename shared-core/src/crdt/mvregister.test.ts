import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import type { Value } from '../values/value.js';
import { decodeState, encodeState, join, update } from './lattice.js';
import { mvregister, type MvRegisterOp } from './mvregister.js';

const value = fc.constantFrom<Value>('x', 'y', 1, null, { a: 1 }, [true]);
const op: fc.Arbitrary<MvRegisterOp> = fc.record({ op: fc.constant('set' as const), value });

describeCrdtLaws(mvregister, op, {
  sequentialSpec: (_before, o, after) => expect(after).toEqual([o.value]),
});

describe('mvregister', () => {
  it('is empty before any set', () => {
    expect(mvregister.query(mvregister.bottom())).toEqual([]);
  });

  it('keeps concurrent sets side by side, sorted, and a later set replaces them all', () => {
    const a = mvregister.bottom();
    const b = mvregister.bottom();
    update(mvregister, a, { op: 'set', value: 'y' }, 'a');
    update(mvregister, b, { op: 'set', value: 2 }, 'b');
    const both = join(mvregister, a, b);
    expect(mvregister.query(both)).toEqual([2, 'y']);
    const delta = update(mvregister, both, { op: 'set', value: 'z' }, 'b');
    mvregister.mergeInto(a, delta);
    expect(mvregister.query(a)).toEqual(['z']);
  });

  it('shows a value written concurrently twice once', () => {
    const a = mvregister.bottom();
    const b = mvregister.bottom();
    update(mvregister, a, { op: 'set', value: { k: [1] } }, 'a');
    update(mvregister, b, { op: 'set', value: { k: [1] } }, 'b');
    const both = join(mvregister, a, b);
    expect(both.store).toHaveLength(2);
    expect(mvregister.query(both)).toEqual([{ k: [1] }]);
  });

  it('an overwritten value does not come back from a stale replica', () => {
    const a = mvregister.bottom();
    update(mvregister, a, { op: 'set', value: 'old' }, 'a');
    const stale = mvregister.clone(a);
    update(mvregister, a, { op: 'set', value: 'new' }, 'a');
    expect(mvregister.query(join(mvregister, a, stale))).toEqual(['new']);
  });

  it('round-trips through bytes', () => {
    const s = mvregister.bottom();
    update(mvregister, s, { op: 'set', value: [1, 'two'] }, 'r1');
    const decoded = decodeState(mvregister, encodeState(mvregister, s));
    expect(decoded.ok && mvregister.equals(decoded.value, s)).toBe(true);
  });
});
