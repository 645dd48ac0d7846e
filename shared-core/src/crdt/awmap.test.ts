import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { compareValues, valueKey, type Value } from '../values/value.js';
import { awset, type AwSetOp } from './awset.js';
import { createAwMap, type AwMapOp } from './awmap.js';
import { isCausal } from './causal-type.js';
import { erase } from './erase.js';
import { ewflag } from './ewflag.js';
import { gcounter } from './gcounter.js';
import { decodeState, encodeState, join, update } from './lattice.js';
import { mvregister, type MvRegisterOp } from './mvregister.js';

const setMap = createAwMap(awset);
const regMap = createAwMap(mvregister);
const key = fc.constantFrom('k1', 'k2', 'k3');
const element = fc.constantFrom<Value>('a', 'b', 1);

const setOp: fc.Arbitrary<AwSetOp> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), value: element }),
  fc.record({ op: fc.constant('addAll' as const), values: fc.array(element, { maxLength: 2 }) }),
  fc.record({ op: fc.constant('remove' as const), value: element }),
);
const mapOp = <Op>(inner: fc.Arbitrary<Op>): fc.Arbitrary<AwMapOp<Op>> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('apply' as const), key, inner }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), key }) },
  );

function expectedSet(before: Value[], o: AwSetOp): Value[] {
  const set = new Map(before.map((v) => [valueKey(v), v]));
  if (o.op === 'add') set.set(valueKey(o.value), o.value);
  else if (o.op === 'addAll') for (const v of o.values) set.set(valueKey(v), v);
  else if (o.op === 'remove') set.delete(valueKey(o.value));
  return [...set.values()].sort(compareValues);
}

describeCrdtLaws(setMap, mapOp(setOp), {
  sequentialSpec: (before, o, after) => {
    const expected: Record<string, Value[]> = { ...setMap.query(before) };
    if (o.op === 'remove') delete expected[o.key];
    else {
      const values = expectedSet(expected[o.key] ?? [], o.inner);
      if (values.length > 0) expected[o.key] = values;
      else delete expected[o.key];
    }
    expect(after).toEqual(expected);
    expect(Object.keys(after)).toEqual(Object.keys(after).sort());
  },
});

const regOp: fc.Arbitrary<MvRegisterOp> = fc.record({
  op: fc.constant('set' as const),
  value: element,
});
describeCrdtLaws(regMap, mapOp(regOp), {
  numRuns: 100,
  sequentialSpec: (before, o, after) => {
    const expected: Record<string, Value[]> = { ...regMap.query(before) };
    if (o.op === 'remove') delete expected[o.key];
    else expected[o.key] = [o.inner.value];
    expect(after).toEqual(expected);
  },
});

describe('awmap', () => {
  it('an update concurrent with a removal of its key wins, keeping only what the remover did not see', () => {
    const a = setMap.bottom();
    update(setMap, a, { op: 'apply', key: 'cart', inner: { op: 'add', value: 'x' } }, 'a');
    const b = setMap.clone(a);
    const removed = update(setMap, b, { op: 'remove', key: 'cart' }, 'b');
    const added = update(
      setMap,
      a,
      { op: 'apply', key: 'cart', inner: { op: 'add', value: 'y' } },
      'a',
    );
    setMap.mergeInto(a, removed);
    setMap.mergeInto(b, added);
    expect(setMap.query(a)).toEqual({ cart: ['y'] });
    expect(setMap.equals(a, b)).toBe(true);
  });

  it('a register set concurrent with a removal of its key wins', () => {
    const a = regMap.bottom();
    update(regMap, a, { op: 'apply', key: 'k', inner: { op: 'set', value: 1 } }, 'a');
    const b = regMap.clone(a);
    update(regMap, b, { op: 'remove', key: 'k' }, 'b');
    update(regMap, a, { op: 'apply', key: 'k', inner: { op: 'set', value: 2 } }, 'a');
    expect(regMap.query(join(regMap, a, b))).toEqual({ k: [2] });
    expect(regMap.query(b)).toEqual({});
  });

  it('a removal that saw every update removes the key everywhere; the key can come back', () => {
    const a = regMap.bottom();
    const b = regMap.bottom();
    regMap.mergeInto(
      b,
      update(regMap, a, { op: 'apply', key: 'k', inner: { op: 'set', value: 'v' } }, 'a'),
    );
    regMap.mergeInto(a, update(regMap, b, { op: 'remove', key: 'k' }, 'b'));
    expect(regMap.query(a)).toEqual({});
    expect(a.store.size).toBe(0);
    update(regMap, a, { op: 'apply', key: 'k', inner: { op: 'set', value: 'w' } }, 'a');
    expect(regMap.query(a)).toEqual({ k: ['w'] });
  });

  it('keeps values of different keys independent and sorts keys', () => {
    const s = setMap.bottom();
    update(setMap, s, { op: 'apply', key: 'b', inner: { op: 'add', value: 1 } }, 'r');
    update(setMap, s, { op: 'apply', key: 'a', inner: { op: 'addAll', values: [2, 3] } }, 'r');
    update(setMap, s, { op: 'apply', key: 'a', inner: { op: 'remove', value: 2 } }, 'r');
    expect(Object.entries(setMap.query(s))).toEqual([
      ['a', [3]],
      ['b', [1]],
    ]);
  });

  it('nests: an awmap of awmaps of awsets', () => {
    const nested = createAwMap(createAwMap(awset));
    const a = nested.bottom();
    const op = { op: 'apply', key: 'k', inner: { op: 'add', value: 'x' } } as const;
    update(nested, a, { op: 'apply', key: 'outer', inner: op }, 'a');
    const b = nested.clone(a);
    update(nested, b, { op: 'remove', key: 'outer' }, 'b');
    update(nested, a, { op: 'apply', key: 'outer', inner: { op: 'remove', key: 'k' } }, 'a');
    update(nested, a, { op: 'apply', key: 'other', inner: op }, 'a');
    const both = join(nested, a, b);
    expect(nested.query(both)).toEqual({ other: { k: ['x'] } });
    const decoded = decodeState(nested, encodeState(nested, both));
    expect(decoded.ok && nested.equals(decoded.value, both)).toBe(true);
  });

  it('validates inner ops with the value type schema', () => {
    const ok = { op: 'apply', key: 'k', inner: { op: 'add', value: [1] } };
    expect(setMap.opSchema.safeParse(ok).success).toBe(true);
    expect(setMap.opSchema.safeParse({ ...ok, inner: { op: 'set', value: 1 } }).success).toBe(
      false,
    );
    expect(setMap.opSchema.safeParse({ ...ok, inner: { op: 'add' } }).success).toBe(false);
    expect(setMap.opSchema.safeParse({ op: 'remove', key: 3 }).success).toBe(false);
    expect(
      regMap.opSchema.safeParse({ op: 'apply', key: 'k', inner: { op: 'set', value: 1 } }).success,
    ).toBe(true);
  });

  it('accepts only causal value types found at run time', () => {
    const found = erase(ewflag);
    expect(isCausal(found)).toBe(true);
    expect(isCausal(erase(gcounter))).toBe(false);
    if (!isCausal(found)) return;
    const flags = createAwMap(found);
    const s = flags.bottom();
    update(flags, s, { op: 'apply', key: 'on', inner: { op: 'enable' } }, 'r');
    update(flags, s, { op: 'apply', key: 'off', inner: { op: 'disable' } }, 'r');
    expect(flags.query(s)).toEqual({ on: true });
    expect(flags.name).toBe('awmap');
  });
});
