import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../encoding/byte-writer.js';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import { erase } from './erase.js';
import { gcounter, type GCounterOp } from './gcounter.js';
import { createGMap, type GMapOp } from './gmap.js';
import { decodeState, encodeState, join, update } from './lattice.js';
import { maxint, type MaxIntOp } from './maxint.js';
import { createPair } from './pair.js';

const counters = createGMap(gcounter);
const maxes = createGMap(maxint);
const key = fc.constantFrom('a', 'b', 'c', 'é');

const counterOp: fc.Arbitrary<GMapOp<GCounterOp>> = fc.record({
  op: fc.constant('apply' as const),
  key,
  inner: fc.record({
    op: fc.constant('increment' as const),
    by: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
  }),
});
const maxOp: fc.Arbitrary<GMapOp<MaxIntOp>> = fc.record({
  op: fc.constant('apply' as const),
  key,
  inner: fc.oneof(
    fc.record({ op: fc.constant('increment' as const), by: fc.constant(undefined) }),
    fc.record({ op: fc.constant('set' as const), value: fc.integer({ min: 0, max: 9 }) }),
  ),
});

describeCrdtLaws(counters, counterOp, {
  sequentialSpec: (before, o, after) => {
    const expected = { ...counters.query(before) };
    expected[o.key] = (expected[o.key] ?? 0) + (o.inner.by ?? 1);
    expect(after).toEqual(expected);
  },
});

describeCrdtLaws(maxes, maxOp, {
  sequentialSpec: (before, o, after) => {
    const old = maxes.query(before)[o.key] ?? 0;
    const next = o.inner.op === 'increment' ? old + 1 : Math.max(old, o.inner.value);
    expect(after[o.key]).toBe(next === 0 ? undefined : next);
  },
});

describe('gmap', () => {
  it('joins concurrent updates key by key', () => {
    const a = counters.bottom();
    const b = counters.bottom();
    update(counters, a, { op: 'apply', key: 'x', inner: { op: 'increment', by: 2 } }, 'a');
    update(counters, b, { op: 'apply', key: 'x', inner: { op: 'increment' } }, 'b');
    update(counters, b, { op: 'apply', key: 'w', inner: { op: 'increment' } }, 'b');
    const merged = counters.query(join(counters, a, b));
    expect(merged).toEqual({ w: 1, x: 3 });
    expect(Object.keys(merged)).toEqual(['w', 'x']);
  });

  it('does not create a key for an op whose inner delta is bottom', () => {
    const s = maxes.bottom();
    update(maxes, s, { op: 'apply', key: 'k', inner: { op: 'set', value: 0 } }, 'r');
    expect(maxes.query(s)).toEqual({});
    expect(s.size).toBe(0);
  });

  it('sends a peer only the keys it lacks, each with only the inner delta', () => {
    const s = counters.bottom();
    update(counters, s, { op: 'apply', key: 'x', inner: { op: 'increment' } }, 'a');
    const t = counters.clone(s);
    update(counters, s, { op: 'apply', key: 'y', inner: { op: 'increment' } }, 'a');
    update(counters, s, { op: 'apply', key: 'x', inner: { op: 'increment' } }, 'b');
    update(counters, t, { op: 'apply', key: 'z', inner: { op: 'increment' } }, 'c');
    const delta = counters.deltaFor(s, counters.digest(t));
    expect([...delta.keys()].sort()).toEqual(['x', 'y']);
    expect([...(delta.get('x') ?? [])]).toEqual([['b', 1]]);
  });

  it('rejects an encoding with a duplicate key or a stored bottom value', () => {
    const encoded = (write: (w: ByteWriter) => void) => {
      const w = new ByteWriter();
      w.byte(1);
      write(w);
      return decodeState(maxes, w.finish());
    };
    const duplicate = encoded((w) => {
      w.uint(2);
      for (let i = 0; i < 2; i++) {
        w.string('k');
        w.uint(5);
      }
    });
    expect(!duplicate.ok && duplicate.error.message).toMatch(/duplicate key/);
    const bottom = encoded((w) => {
      w.uint(1);
      w.string('k');
      w.uint(0);
    });
    expect(!bottom.ok && bottom.error.message).toMatch(/bottom value/);
  });

  it('nests erased types, as a gmap of pairs in Lasp’s ad counter does', () => {
    const nested = createGMap(erase(createPair(erase(gcounter), erase(maxint))));
    const s = nested.bottom();
    const op = { op: 'apply', key: 'ad', inner: { op: 'snd', inner: { op: 'set', value: 4 } } };
    const parsed = nested.opSchema.parse(op);
    update(nested, s, parsed, 'r');
    expect(nested.query(s)).toEqual({ ad: [0, 4] });
    const decoded = decodeState(nested, encodeState(nested, s));
    expect(decoded.ok && nested.equals(decoded.value, s)).toBe(true);
    expect(nested.opSchema.safeParse({ ...op, inner: { op: 'snd', inner: {} } }).success).toBe(
      false,
    );
  });
});
