import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../encoding/byte-writer.js';
import { arbitraryStates, describeCrdtLaws } from '../testing/crdt-laws.js';
import { compareValues, valueKey, type Value } from '../values/value.js';
import { awset, type AwSetOp, type AwSetState } from './awset.js';
import { decodeState, encodeState, join, update } from './lattice.js';
import { writeValueColumn } from './value-column.js';

const element = fc.constantFrom<Value>('a', 'b', 1, { x: [1] });
const domain: Value[] = ['a', 'b', 1, { x: [1] }];
const op: fc.Arbitrary<AwSetOp> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), value: element }),
  fc.record({ op: fc.constant('addAll' as const), values: fc.array(element, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('remove' as const), value: element }),
  fc.record({ op: fc.constant('removeAll' as const), values: fc.array(element, { maxLength: 3 }) }),
);

function expected(before: Value[], o: AwSetOp): Value[] {
  const set = new Map(before.map((v) => [valueKey(v), v]));
  const values = o.op === 'add' || o.op === 'remove' ? [o.value] : o.values;
  for (const v of values) {
    if (o.op === 'add' || o.op === 'addAll') set.set(valueKey(v), v);
    else set.delete(valueKey(v));
  }
  return [...set.values()].sort(compareValues);
}

describeCrdtLaws(awset, op, {
  sequentialSpec: (before, o, after) => expect(after).toEqual(expected(awset.query(before), o)),
});

const fresh = (...ops: [AwSetOp, string][]): AwSetState => {
  const s = awset.bottom();
  for (const [o, replica] of ops) update(awset, s, o, replica);
  return s;
};

describe('awset', () => {
  it('an add concurrent with a remove of the same element wins', () => {
    const a = fresh([{ op: 'add', value: 'x' }, 'a']);
    const b = awset.clone(a);
    const removed = update(awset, a, { op: 'remove', value: 'x' }, 'a');
    const added = update(awset, b, { op: 'add', value: 'x' }, 'b');
    awset.mergeInto(a, added);
    awset.mergeInto(b, removed);
    expect(awset.query(a)).toEqual(['x']);
    expect(awset.equals(a, b)).toBe(true);
  });

  it('a remove that saw every add removes the element everywhere, leaving no tombstone', () => {
    const a = fresh([{ op: 'addAll', values: ['x', 'y'] }, 'a']);
    const b = awset.clone(a);
    const removed = update(awset, a, { op: 'remove', value: 'x' }, 'a');
    expect(removed.store.elements.size).toBe(0);
    expect(removed.cc.isEmpty()).toBe(false);
    awset.mergeInto(b, removed);
    expect(awset.query(b)).toEqual(['y']);
    expect([...b.store.elements.keys()]).toEqual([valueKey('y')]);
    expect([...b.store.index.values()].reduce((n, m) => n + m.size, 0)).toBe(1);
  });

  it('re-adds after a remove, here or at another replica', () => {
    const a = fresh([{ op: 'add', value: 'x' }, 'a'], [{ op: 'remove', value: 'x' }, 'a']);
    const b = awset.clone(a);
    awset.mergeInto(a, update(awset, b, { op: 'add', value: 'x' }, 'b'));
    expect(awset.query(a)).toEqual(['x']);
    update(awset, a, { op: 'remove', value: 'x' }, 'a');
    update(awset, a, { op: 'add', value: 'x' }, 'a');
    expect(awset.query(a)).toEqual(['x']);
    expect(a.store.elements.get(valueKey('x'))?.dots).toEqual([{ replica: 'a', counter: 2 }]);
  });

  it('a stale add delivered again after the remove does not resurrect the element', () => {
    const s = awset.bottom();
    const added = update(awset, s, { op: 'add', value: 'x' }, 'a');
    update(awset, s, { op: 'remove', value: 'x' }, 'b');
    expect(awset.mergeInto(s, added)).toBe(false);
    expect(awset.query(s)).toEqual([]);
  });

  it('re-adding a present element supersedes its old dots, also concurrent ones it saw', () => {
    const a = fresh([{ op: 'add', value: 'x' }, 'a']);
    const b = fresh([{ op: 'add', value: 'x' }, 'b']);
    awset.mergeInto(a, b);
    expect(a.store.elements.get(valueKey('x'))?.dots).toHaveLength(2);
    update(awset, a, { op: 'add', value: 'x' }, 'a');
    expect(a.store.elements.get(valueKey('x'))?.dots).toEqual([{ replica: 'a', counter: 2 }]);
  });

  it('removing an absent element is a bottom delta', () => {
    const s = fresh([{ op: 'add', value: 'x' }, 'a']);
    const delta = awset.mutate(s, { op: 'removeAll', values: ['y', 'z'] }, 'a');
    expect(awset.equals(delta, awset.bottom())).toBe(true);
  });

  it('sends a stale peer the removals it missed, whichever way the context is cut', () => {
    const values = Array.from({ length: 50 }, (_, i) => i);
    // Few removals: the delta's context leaves out the 49 dots the peer already has.
    // Many removals: listing the holes would be long, so the one kept element is sent instead.
    for (const [removed, sent] of [
      [[0], ['new']],
      [values.filter((v) => v !== 25), [25, 'new']],
    ] as const) {
      const s = awset.bottom();
      update(awset, s, { op: 'addAll', values }, 'a');
      const peer = awset.clone(s);
      update(awset, s, { op: 'removeAll', values: [...removed] }, 'a');
      update(awset, s, { op: 'add', value: 'new' }, 'a');
      const delta = awset.deltaFor(s, awset.digest(peer));
      expect(awset.query(delta)).toEqual(sent);
      expect(awset.leq(delta, s)).toBe(true);
      awset.mergeInto(peer, delta);
      expect(awset.equals(peer, s)).toBe(true);
    }
  });

  it('decomposes and computes deltas in time bounded by the store, not by range lengths', () => {
    // A peer may claim a vast range; listing its holes would never end.
    const w = new ByteWriter();
    w.byte(1);
    w.uint(1); // one replica in the context: 'a', with range 1..2^40 and no cloud
    w.string('a');
    w.uint(1);
    w.uint(2 ** 40);
    w.uint(2); // one element (not the context's only dot), at a:1
    w.uint(1);
    w.uint(0);
    w.uint(0);
    writeValueColumn(w, ['x']);
    w.uint(0); // no extra dots
    const decoded = decodeState(awset, w.finish());
    if (!decoded.ok) throw decoded.error;
    const s = decoded.value;
    const parts = awset.decompose(s);
    const joined = parts.reduce((acc, part) => join(awset, acc, part), awset.bottom());
    expect(awset.equals(joined, s)).toBe(true);
    const peer = fresh([{ op: 'add', value: 'x' }, 'a']);
    const delta = awset.deltaFor(s, awset.digest(peer));
    expect(awset.query(join(awset, peer, delta))).toEqual(['x']);
  });

  it('adding or removing any element of any reachable state has its sequential effect', () => {
    // The law suite's random op rarely removes a present element; this covers every element.
    fc.assert(
      fc.property(arbitraryStates(awset, op), fc.constantFrom('r1', 'r2', 'r4'), (states, r) => {
        for (const s of states) {
          for (const value of domain) {
            for (const o of [
              { op: 'add', value },
              { op: 'remove', value },
            ] as AwSetOp[]) {
              const after = awset.query(join(awset, s, awset.mutate(s, o, r)));
              expect(after).toEqual(expected(awset.query(s), o));
            }
          }
        }
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('keeps its dot index equal to its elements in every reachable state', () => {
    fc.assert(
      fc.property(arbitraryStates(awset, op), (states) => {
        for (const s of states) {
          const fromElements = [...s.store.elements].flatMap(([k, e]) =>
            e.dots.map((d) => `${d.replica}:${d.counter}=${k}`),
          );
          const fromIndex = [...s.store.index].flatMap(([r, m]) =>
            [...m].map(([c, k]) => `${r}:${c}=${k}`),
          );
          expect(fromIndex.sort()).toEqual(fromElements.sort());
          for (const e of s.store.elements.values()) expect(e.dots.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('encodes a replica adding in sequence in about two bytes per short name', () => {
    const s = awset.bottom();
    for (let i = 0; i < 10_000; i++) update(awset, s, { op: 'add', value: `k${i}` }, 'replica-1');
    const bytes = encodeState(awset, s);
    // One run of dots; each name drops and appends a byte or two of the previous one.
    expect(bytes.length).toBeLessThan(2.3 * 10_000);
    const decoded = decodeState(awset, bytes);
    expect(decoded.ok && awset.equals(decoded.value, s)).toBe(true);
  });

  it('round-trips elements with dots of several replicas', () => {
    const a = fresh([{ op: 'addAll', values: [1, 2, 3, 4] }, 'a']);
    const b = fresh([{ op: 'addAll', values: [3, 4, 5] }, 'b'], [{ op: 'remove', value: 5 }, 'b']);
    const c = fresh([{ op: 'addAll', values: [4, 1] }, 'c']);
    const all = join(awset, join(awset, a, b), c);
    expect(all.store.elements.get(valueKey(4))?.dots).toHaveLength(3);
    const decoded = decodeState(awset, encodeState(awset, all));
    expect(decoded.ok && awset.equals(decoded.value, all)).toBe(true);
    expect(decoded.ok && awset.query(decoded.value)).toEqual([1, 2, 3, 4]);
  });

  it('rejects ops whose values are not JSON data', () => {
    expect(awset.opSchema.safeParse({ op: 'add', value: { a: [1, 'b'] } }).success).toBe(true);
    expect(awset.opSchema.safeParse({ op: 'add', value: Number.NaN }).success).toBe(false);
    expect(awset.opSchema.safeParse({ op: 'addAll', values: 'x' }).success).toBe(false);
  });
});
