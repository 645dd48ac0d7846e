import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../encoding/byte-writer.js';
import { arbitraryStates } from '../testing/crdt-laws.js';
import type { Value } from '../values/value.js';
import { writeAwSetStore } from './awset-codec.js';
import { awset, type AwSetOp, type AwSetState } from './awset.js';
import { CausalContext } from './causal-context.js';
import { decodeState, encodeState, ENCODING_VERSION, join, update } from './lattice.js';
import { writeValueColumn } from './value-column.js';

const element = fc.oneof(
  fc.constantFrom<Value>('a', 'b', 'é', 1, 2, null, { x: [1] }),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -3, max: 3 }),
);
const op: fc.Arbitrary<AwSetOp> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), value: element }),
  fc.record({ op: fc.constant('addAll' as const), values: fc.array(element, { maxLength: 4 }) }),
  fc.record({ op: fc.constant('remove' as const), value: element }),
  fc.record({ op: fc.constant('removeAll' as const), values: fc.array(element, { maxLength: 3 }) }),
);
const replica = fc.constantFrom('r1', 'r2', 'r4');
const params = { numRuns: 300, seed: 42 };

/** The header's low bit: whether the fast path (a store holding exactly its context) was taken. */
function isExact(s: AwSetState): boolean {
  const w = new ByteWriter();
  const table = s.cc.write(w);
  const start = w.finish().length;
  writeAwSetStore(w, s.store, table);
  return ((w.finish()[start] ?? 0) & 1) === 1;
}

/** The encoding the general path gives: a table whose context holds nothing turns the fast path off. */
function encodeGeneral(s: AwSetState): Uint8Array {
  const w = new ByteWriter();
  w.byte(ENCODING_VERSION);
  const table = s.cc.write(w);
  writeAwSetStore(w, s.store, Object.assign(new Map(table), { context: new CausalContext() }));
  return w.finish();
}

function decoded(bytes: Uint8Array): AwSetState {
  const result = decodeState(awset, bytes);
  if (!result.ok) throw result.error;
  return result.value;
}

/** Adds `values` one op each at `replica`. */
function added(replica: string, values: readonly Value[]): AwSetState {
  const s = awset.bottom();
  for (const value of values) update(awset, s, { op: 'add', value }, replica);
  return s;
}

describe('awset encoding', () => {
  it('round-trips every delta of random ops on reachable states, and its truncations fail', () => {
    let exact = 0;
    fc.assert(
      fc.property(arbitraryStates(awset, op, 12), op, replica, fc.nat(), (states, o, r, cut) => {
        for (const s of states) {
          const delta = awset.mutate(s, o, r);
          if (isExact(delta)) exact++;
          const bytes = encodeState(awset, delta);
          expect(awset.equals(decoded(bytes), delta)).toBe(true);
          expect(decodeState(awset, bytes.subarray(0, cut % bytes.length)).ok).toBe(false);
        }
      }),
      params,
    );
    expect(exact).toBeGreaterThan(100);
  });

  it('the fast path decodes to the state the general path does, and is never longer', () => {
    let exact = 0;
    fc.assert(
      fc.property(arbitraryStates(awset, op, 12), op, replica, (states, o, r) => {
        const candidates = states.flatMap((s) => [s, awset.mutate(s, o, r), ...awset.decompose(s)]);
        for (const s of candidates) {
          const fast = encodeState(awset, s);
          const general = encodeGeneral(s);
          expect(awset.equals(decoded(general), s)).toBe(true);
          expect(awset.equals(decoded(fast), s)).toBe(true);
          if (isExact(s)) {
            exact++;
            expect(fast.length).toBeLessThan(general.length);
          } else expect(fast).toEqual(general);
        }
      }),
      params,
    );
    expect(exact).toBeGreaterThan(300);
  });

  it('writes an add of a new element as its context and its value only', () => {
    const s = added(
      'replica-a',
      Array.from({ length: 12_344 }, (_, i) => `e${i}`),
    );
    const delta = awset.mutate(s, { op: 'add', value: 'e12345' }, 'replica-a');
    // Version, context (1 replica, 9-character id, header, counter gap) and store (header, column).
    expect(encodeState(awset, delta).length).toBe(1 + (1 + 10 + 1 + 2) + (1 + 1 + 1 + 6));
    expect(isExact(delta)).toBe(true);
  });

  it('makes the extra dots of elements added at two replicas in the same order nearly free', () => {
    const n = 2000;
    const a = added(
      'replica-a',
      Array.from({ length: n }, (_, i) => `e${i}`),
    );
    const b = added(
      'replica-b',
      Array.from({ length: n }, (_, i) => `e${i + n / 2}`),
    );
    const merged = join(awset, a, b);
    const bytes = encodeState(awset, merged);
    expect(awset.equals(decoded(bytes), merged)).toBe(true);
    // The n/2 extra dots cost a few bytes: one replica adding every element, with a context of one
    // replica instead of two, is less than 40 bytes shorter.
    const single = added(
      'replica-a',
      Array.from({ length: (3 * n) / 2 }, (_, i) => `e${i}`),
    );
    expect(bytes.length - encodeState(awset, single).length).toBeLessThan(40);
    expect(encodeGeneral(merged)).toEqual(bytes);
  });

  it('runs of extra dots add at most one dot per element, however many replicas add each', () => {
    const values = Array.from({ length: 300 }, (_, i) => i);
    const states = ['r1', 'r2', 'r3', 'r4'].map((r) => added(r, values));
    const all = states.reduce((x, y) => join(awset, x, y), awset.bottom());
    const bytes = encodeState(awset, all);
    expect(awset.equals(decoded(bytes), all)).toBe(true);
    // 300 extra dots ride in runs; the other 600 cost two bytes or so each.
    expect(bytes.length).toBeGreaterThan(300 + 2 * 600);
    expect(bytes.length).toBeLessThan(300 + 3 * 600 + 100);
  });

  it('rejects extra-dot runs longer than the elements allow, and a context that is not the store', () => {
    // Elements x and y at a:1 and a:2; replicas b, c and d each add a run of extra dots from 1.
    const encoded = (lengths: number[]) => {
      const w = new ByteWriter();
      w.byte(ENCODING_VERSION);
      w.uint(4);
      for (const [r, n] of [
        ['a', 2],
        ['b', 2 ** 40],
        ['c', 2 ** 40],
        ['d', 2 ** 40],
      ] as const) {
        w.string(r);
        w.uint(1);
        w.uint(n);
      }
      w.uint(4);
      for (const runs of [[0, 1], [], [], []]) {
        w.uint(runs.length / 2);
        for (const x of runs) w.uint(x);
      }
      writeValueColumn(w, ['x', 'y']);
      w.uint(0);
      for (const length of lengths) {
        w.uint(1);
        w.uint(0);
        w.uint(length > 1 ? 1 : 0);
        if (length > 1) w.uint(length - 2);
      }
      return w.finish();
    };
    const ok = decoded(encoded([2, 2, 1]));
    expect(ok.store.elements.size).toBe(2);
    expect([...ok.store.elements.values()].map((e) => e.dots.length)).toEqual([4, 3]);
    for (const lengths of [
      [2, 2, 2],
      [2 ** 30, 1, 1],
    ]) {
      const result = decodeState(awset, encoded(lengths));
      expect(!result.ok && result.error.message).toMatch(/more extra dots/);
    }
    expect(decodeState(awset, encoded([3, 1, 1])).ok).toBe(false);
    // The fast path's header when the context holds two dots and the store one element.
    const w = new ByteWriter();
    w.byte(ENCODING_VERSION);
    CausalContext.of([
      { replica: 'a', counter: 1 },
      { replica: 'a', counter: 2 },
    ]).write(w);
    w.uint(3);
    writeValueColumn(w, ['x']);
    expect(decodeState(awset, w.finish()).ok).toBe(false);
  });
});
