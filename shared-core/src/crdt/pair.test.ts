import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { valueKey, type Value } from '../values/value.js';
import { OpError } from './crdt-type.js';
import { erase } from './erase.js';
import { gcounter, type GCounterOp } from './gcounter.js';
import { gset, type GSetOp } from './gset.js';
import { ivar } from './ivar.js';
import { join, update } from './lattice.js';
import { createPair, type PairOp } from './pair.js';

const pair = createPair(gcounter, gset);
const increment: fc.Arbitrary<GCounterOp> = fc.record({
  op: fc.constant('increment' as const),
  by: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
});
const add: fc.Arbitrary<GSetOp> = fc.record({
  op: fc.constant('add' as const),
  value: fc.constantFrom<Value>('a', 'b', 'c', 1),
});
const op: fc.Arbitrary<PairOp<GCounterOp, GSetOp>> = fc.oneof(
  fc.record({ op: fc.constant('fst' as const), inner: increment }),
  fc.record({ op: fc.constant('snd' as const), inner: add }),
);

const added = (o: GSetOp) => (o.op === 'add' ? [o.value] : o.values);

describeCrdtLaws(pair, op, {
  sequentialSpec: (before, o, [count, elements]) => {
    const [countBefore, elementsBefore] = pair.query(before);
    if (o.op === 'fst') {
      expect(count).toBe(countBefore + (o.inner.by ?? 1));
      expect(elements).toEqual(elementsBefore);
    } else {
      expect(count).toBe(countBefore);
      expect(new Set(elements.map(valueKey))).toEqual(
        new Set([...elementsBefore, ...added(o.inner)].map(valueKey)),
      );
    }
  },
});

describe('pair', () => {
  it('merges each component on its own', () => {
    const a = pair.bottom();
    const b = pair.bottom();
    update(pair, a, { op: 'fst', inner: { op: 'increment', by: 2 } }, 'a');
    update(pair, b, { op: 'fst', inner: { op: 'increment' } }, 'b');
    update(pair, b, { op: 'snd', inner: { op: 'addAll', values: ['y', 'x'] } }, 'b');
    expect(pair.query(join(pair, a, b))).toEqual([3, ['x', 'y']]);
  });

  it('a delta touches only the side its op names', () => {
    const delta = pair.mutate(pair.bottom(), { op: 'snd', inner: { op: 'add', value: 1 } }, 'r');
    expect(gcounter.equals(delta.fst, gcounter.bottom())).toBe(true);
    expect(delta.snd.size).toBe(1);
  });

  it('validates inner ops with the component schemas', () => {
    const parse = (o: unknown) => pair.opSchema.safeParse(o).success;
    expect(parse({ op: 'fst', inner: { op: 'increment', by: 1 } })).toBe(true);
    expect(parse({ op: 'fst', inner: { op: 'add', value: 1 } })).toBe(false);
    expect(parse({ op: 'snd', inner: { op: 'add', value: 1 } })).toBe(true);
    expect(parse({ op: 'both', inner: { op: 'add', value: 1 } })).toBe(false);
  });

  it('works on erased components, passing OpError through (Lasp’s default pair of ivars)', () => {
    const ivars = createPair(erase(ivar), erase(ivar));
    // Erased ops are typed `{op: string}`: the schema is what checks them, as at any boundary.
    const parse = (o: unknown) => ivars.opSchema.parse(o);
    const s = ivars.bottom();
    update(ivars, s, parse({ op: 'fst', inner: { op: 'set', value: 'left' } }), 'r');
    expect(ivars.query(s)).toEqual(['left', null]);
    const overwrite = parse({ op: 'fst', inner: { op: 'set', value: 'x' } });
    expect(() => ivars.mutate(s, overwrite, 'r')).toThrow(OpError);
    expect(ivars.opSchema.safeParse({ op: 'snd', inner: { op: 'set' } }).success).toBe(false);
  });
});
