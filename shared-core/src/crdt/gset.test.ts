import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../encoding/byte-writer.js';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { valueKey, type Value } from '../values/value.js';
import { writeValue } from '../values/value-codec.js';
import { gset, type GSetOp } from './gset.js';
import { decodeState, join, update } from './lattice.js';

const element: fc.Arbitrary<Value> = fc.oneof(
  fc.constantFrom<Value>('a', 'b', 'c', 1, 2.5, null, true, { x: 1, y: [2] }, ['a', 1]),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Value>,
);
const op: fc.Arbitrary<GSetOp> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), value: element }),
  fc.record({ op: fc.constant('addAll' as const), values: fc.array(element, { maxLength: 4 }) }),
);
const keys = (values: Value[]) => new Set(values.map(valueKey));

describeCrdtLaws(gset, op, {
  sequentialSpec: (before, o, after) => {
    const added = o.op === 'add' ? [o.value] : o.values;
    expect(keys(after)).toEqual(keys([...gset.query(before), ...added]));
    expect(after.length).toBe(keys(after).size);
  },
});

describe('gset', () => {
  it('merges concurrent adds into their union, each element once', () => {
    const a = gset.bottom();
    const b = gset.bottom();
    update(gset, a, { op: 'addAll', values: ['x', { p: 1, q: 2 }] }, 'a');
    update(gset, b, { op: 'addAll', values: [{ q: 2, p: 1 }, 3] }, 'b');
    expect(gset.query(join(gset, a, b))).toEqual([3, 'x', { p: 1, q: 2 }]);
  });

  it('an add of a present element has a bottom delta', () => {
    const s = gset.bottom();
    update(gset, s, { op: 'add', value: 'x' }, 'a');
    expect(gset.mutate(s, { op: 'add', value: 'x' }, 'a').size).toBe(0);
  });

  it('sends a peer only the elements its digest lacks', () => {
    const s = gset.bottom();
    const t = gset.bottom();
    update(gset, s, { op: 'addAll', values: ['x', 'y', 'z'] }, 'a');
    update(gset, t, { op: 'addAll', values: ['y', 'w'] }, 'b');
    expect(gset.query(gset.deltaFor(s, gset.digest(t)))).toEqual(['x', 'z']);
  });

  it('rejects an encoding that lists an element twice', () => {
    const w = new ByteWriter();
    w.byte(1);
    w.uint(2);
    writeValue(w, { a: 1, b: 2 });
    writeValue(w, { b: 2, a: 1 });
    const result = decodeState(gset, w.finish());
    expect(!result.ok && result.error.message).toMatch(/duplicate element/);
  });

  it('rejects non-JSON values at the schema', () => {
    expect(gset.opSchema.safeParse({ op: 'add', value: Number.NaN }).success).toBe(false);
    expect(gset.opSchema.safeParse({ op: 'addAll', values: [1, 'a'] }).success).toBe(true);
  });
});
