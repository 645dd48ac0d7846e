import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { compareValues, valueKey, type Value } from '../values/value.js';
import { OpError } from './crdt-type.js';
import { ivar, type IVarOp } from './ivar.js';
import { join, update } from './lattice.js';

const op: fc.Arbitrary<IVarOp> = fc.record({
  op: fc.constant('set' as const),
  value: fc.constantFrom<Value>('a', 'b', 7, null, false, { x: 1 }),
});

describeCrdtLaws(ivar, op, {
  // Ops that throw OpError are skipped by the law test, so here the set was allowed.
  sequentialSpec: (before, o, after) => {
    expect(valueKey(after)).toBe(valueKey(o.value));
    if (before.current !== undefined) expect(valueKey(before.current)).toBe(valueKey(o.value));
  },
});

describe('ivar', () => {
  it('can be set once; setting it to another value is an OpError', () => {
    const s = ivar.bottom();
    expect(ivar.query(s)).toBeNull();
    update(ivar, s, { op: 'set', value: { a: 1, b: 2 } }, 'r');
    expect(() => ivar.mutate(s, { op: 'set', value: 'other' }, 'r')).toThrow(OpError);
    expect(ivar.query(s)).toEqual({ a: 1, b: 2 });
  });

  it('setting it again to an equal value is a no-op', () => {
    const s = ivar.bottom();
    update(ivar, s, { op: 'set', value: { a: 1, b: 2 } }, 'r');
    const delta = ivar.mutate(s, { op: 'set', value: { b: 2, a: 1 } }, 'r');
    expect(ivar.equals(delta, ivar.bottom())).toBe(true);
  });

  it('concurrent different sets converge on the value greatest by compareValues', () => {
    const a = ivar.bottom();
    const b = ivar.bottom();
    update(ivar, a, { op: 'set', value: 'apple' }, 'a');
    update(ivar, b, { op: 'set', value: 42 }, 'b');
    expect(compareValues('apple', 42)).toBeGreaterThan(0);
    expect(ivar.query(join(ivar, a, b))).toBe('apple');
    expect(ivar.mergeInto(b, a)).toBe(true);
    expect(ivar.mergeInto(a, b)).toBe(false);
    expect([ivar.query(a), ivar.query(b)]).toEqual(['apple', 'apple']);
  });

  it('a set null is distinct from unset in the state, though both query as null', () => {
    const s = ivar.bottom();
    update(ivar, s, { op: 'set', value: null }, 'r');
    expect(ivar.query(s)).toBeNull();
    expect(ivar.equals(s, ivar.bottom())).toBe(false);
    expect(() => ivar.mutate(s, { op: 'set', value: 0 }, 'r')).toThrow(OpError);
  });
});
