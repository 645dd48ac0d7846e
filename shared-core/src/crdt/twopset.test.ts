import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../encoding/byte-writer.js';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { valueKey, type Value } from '../values/value.js';
import { writeValue } from '../values/value-codec.js';
import { decodeState, join, update } from './lattice.js';
import { twopset, type TwoPSetOp } from './twopset.js';

const element: fc.Arbitrary<Value> = fc.constantFrom<Value>('a', 'b', 'c', 'd', 1, null, { x: 1 });
const many = fc.array(element, { maxLength: 3 });
const op: fc.Arbitrary<TwoPSetOp> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), value: element }),
  fc.record({ op: fc.constant('addAll' as const), values: many }),
  fc.record({ op: fc.constant('remove' as const), value: element }),
  fc.record({ op: fc.constant('removeAll' as const), values: many }),
);

describeCrdtLaws(twopset, op, {
  sequentialSpec: (before, o, after) => {
    const values = o.op === 'add' || o.op === 'remove' ? [o.value] : o.values;
    const expected = new Set(before.present.keys());
    for (const v of values) {
      const key = valueKey(v);
      if (o.op === 'remove' || o.op === 'removeAll') expected.delete(key);
      else if (!before.removed.has(key)) expected.add(key);
    }
    expect(new Set(after.map(valueKey))).toEqual(expected);
  },
});

describe('twopset', () => {
  it('a removal wins over a concurrent add on another replica', () => {
    const a = twopset.bottom();
    update(twopset, a, { op: 'add', value: 'x' }, 'a');
    const b = twopset.clone(a);
    update(twopset, a, { op: 'remove', value: 'x' }, 'a');
    update(twopset, b, { op: 'addAll', values: ['x', 'y'] }, 'b');
    expect(twopset.query(join(twopset, a, b))).toEqual(['y']);
    expect(twopset.query(join(twopset, b, a))).toEqual(['y']);
  });

  it('a removed element can never be added again', () => {
    const s = twopset.bottom();
    update(twopset, s, { op: 'add', value: 'x' }, 'a');
    update(twopset, s, { op: 'remove', value: 'x' }, 'a');
    const delta = update(twopset, s, { op: 'add', value: 'x' }, 'a');
    expect(twopset.equals(delta, twopset.bottom())).toBe(true);
    expect(twopset.query(s)).toEqual([]);
  });

  it('removing an element never added leaves a tombstone that stops a later add', () => {
    const a = twopset.bottom();
    const b = twopset.bottom();
    update(twopset, a, { op: 'removeAll', values: ['ghost'] }, 'a');
    update(twopset, b, { op: 'add', value: 'ghost' }, 'b');
    expect(twopset.query(b)).toEqual(['ghost']);
    expect(twopset.mergeInto(b, a)).toBe(true);
    expect(twopset.query(b)).toEqual([]);
    expect(twopset.leq(b, a) && twopset.leq(a, b)).toBe(true);
  });

  it('sends a peer the tombstones and elements its digest lacks', () => {
    const s = twopset.bottom();
    update(twopset, s, { op: 'addAll', values: ['x', 'y'] }, 'a');
    const t = twopset.clone(s);
    update(twopset, s, { op: 'remove', value: 'x' }, 'a');
    update(twopset, s, { op: 'add', value: 'z' }, 'a');
    const delta = twopset.deltaFor(s, twopset.digest(t));
    expect([...delta.removed.keys()]).toEqual([valueKey('x')]);
    expect([...delta.present.keys()]).toEqual([valueKey('z')]);
  });

  it('rejects an encoding with an element both present and removed', () => {
    const w = new ByteWriter();
    w.byte(1);
    for (let list = 0; list < 2; list++) {
      w.uint(1);
      writeValue(w, 'x');
    }
    const result = decodeState(twopset, w.finish());
    expect(!result.ok && result.error.message).toMatch(/both present and removed/);
  });
});
