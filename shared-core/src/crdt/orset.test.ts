import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { valueKey, type Value } from '../values/value.js';
import { update } from './lattice.js';
import { orset, type OrSetOp } from './orset.js';

const element = fc.constantFrom<Value>('a', 'b', 'c', 1, { id: 2 });
const op: fc.Arbitrary<OrSetOp> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), value: element }),
  fc.record({ op: fc.constant('remove' as const), value: element }),
  fc.record({ op: fc.constant('addAll' as const), values: fc.array(element, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('removeAll' as const), values: fc.array(element, { maxLength: 3 }) }),
);

const has = (q: Value[], v: Value) => q.some((x) => valueKey(x) === valueKey(v));

describeCrdtLaws(orset, op, {
  sequentialSpec(before, o, after) {
    const prior = orset.query(before);
    if (o.op === 'add') expect(has(after, o.value)).toBe(true);
    if (o.op === 'remove') expect(has(after, o.value)).toBe(false);
    if (o.op === 'addAll') for (const v of o.values) expect(has(after, v)).toBe(true);
    if (o.op === 'removeAll') for (const v of o.values) expect(has(after, v)).toBe(false);
    const touched = 'value' in o ? [o.value] : o.values;
    for (const v of prior)
      if (!touched.some((t) => valueKey(t) === valueKey(v))) expect(has(after, v)).toBe(true);
  },
});

describe('orset', () => {
  it('keeps an element that was re-added concurrently with its removal (add wins)', () => {
    const a = orset.bottom();
    const b = orset.bottom();
    orset.mergeInto(b, update(orset, a, { op: 'add', value: 'x' }, 'a'));
    const removal = update(orset, a, { op: 'remove', value: 'x' }, 'a');
    const readd = update(orset, b, { op: 'add', value: 'x' }, 'b');
    orset.mergeInto(a, readd);
    orset.mergeInto(b, removal);
    expect(orset.query(a)).toEqual(['x']);
    expect(orset.equals(a, b)).toBe(true);
  });

  it('never reuses a token, also after the state is decoded', () => {
    const s = orset.bottom();
    update(orset, s, { op: 'add', value: 'x' }, 'a');
    update(orset, s, { op: 'remove', value: 'x' }, 'a');
    const delta = orset.mutate(s, { op: 'add', value: 'x' }, 'a');
    expect([...(delta.entries.get('"x')?.tokens.keys() ?? [])]).toEqual(['a:2']);
  });

  it('treats removing an absent element as a no-op', () => {
    const s = orset.bottom();
    expect(orset.mutate(s, { op: 'remove', value: 'nope' }, 'a').entries.size).toBe(0);
  });
});
