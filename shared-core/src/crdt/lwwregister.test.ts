import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCrdtLaws } from '../testing/crdt-laws.js';
import type { Value } from '../values/value.js';
import { join, update } from './lattice.js';
import { compareLww, lwwregister, type LwwRegisterOp } from './lwwregister.js';

// Few timestamps and values, so that ties on timestamp and on replica both occur.
const op: fc.Arbitrary<LwwRegisterOp> = fc.record({
  op: fc.constant('set' as const),
  value: fc.constantFrom<Value>('a', 'b', 1, null, { k: [1] }),
  timestamp: fc.integer({ min: 0, max: 4 }),
});

describeCrdtLaws(lwwregister, op, {
  sequentialSpec: (before, o, after) => {
    const write = { timestamp: o.timestamp, replica: 'r1', value: o.value };
    const wins = compareLww(write, before.current) > 0;
    expect(after).toEqual(wins ? o.value : lwwregister.query(before));
  },
});

describe('lwwregister', () => {
  it('is null until set', () => {
    expect(lwwregister.query(lwwregister.bottom())).toBeNull();
  });

  it('the later timestamp wins whatever the delivery order', () => {
    const a = lwwregister.bottom();
    const b = lwwregister.bottom();
    const late = update(lwwregister, a, { op: 'set', value: 'late', timestamp: 20 }, 'a');
    const early = update(lwwregister, b, { op: 'set', value: 'early', timestamp: 10 }, 'b');
    expect(lwwregister.mergeInto(a, early)).toBe(false);
    expect(lwwregister.mergeInto(b, late)).toBe(true);
    expect([lwwregister.query(a), lwwregister.query(b)]).toEqual(['late', 'late']);
  });

  it('breaks a timestamp tie by replica id, then by value', () => {
    const a = lwwregister.bottom();
    const b = lwwregister.bottom();
    update(lwwregister, a, { op: 'set', value: 'zzz', timestamp: 5 }, 'alice');
    update(lwwregister, b, { op: 'set', value: 'aaa', timestamp: 5 }, 'bob');
    expect(lwwregister.query(join(lwwregister, a, b))).toBe('aaa');
    expect(lwwregister.query(join(lwwregister, b, a))).toBe('aaa');

    const c = lwwregister.bottom();
    update(lwwregister, c, { op: 'set', value: 'bbb', timestamp: 5 }, 'bob');
    expect(lwwregister.query(join(lwwregister, b, c))).toBe('bbb');
  });

  it('a write older than the current one is lost and its delta is bottom', () => {
    const s = lwwregister.bottom();
    update(lwwregister, s, { op: 'set', value: 1, timestamp: 100 }, 'a');
    const delta = lwwregister.mutate(s, { op: 'set', value: 2, timestamp: 99 }, 'b');
    expect(delta.current).toBeUndefined();
  });

  it('requires an integer timestamp', () => {
    const parse = (t: unknown) =>
      lwwregister.opSchema.safeParse({ op: 'set', value: 'v', timestamp: t }).success;
    expect([parse(1_700_000_000_000), parse(1.5), parse('now'), parse(undefined)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});
