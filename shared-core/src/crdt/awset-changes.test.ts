import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryStates } from '../testing/crdt-laws.js';
import { valueKey, type Value } from '../values/value.js';
import { awset, type AwSetOp, type AwSetState } from './awset.js';
import { awsetChanges, type OrSetChange } from './awset-changes.js';
import { join, update } from './lattice.js';

const element = fc.constantFrom<Value>('a', 'b', 'c', 1, { x: 1 });
const op: fc.Arbitrary<AwSetOp> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), value: element }),
  fc.record({ op: fc.constant('addAll' as const), values: fc.array(element, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('remove' as const), value: element }),
  fc.record({ op: fc.constant('removeAll' as const), values: fc.array(element, { maxLength: 3 }) }),
);

/** Visible elements with their dots as tokens. */
function tokenView(s: AwSetState): Map<string, Set<string>> {
  const view = new Map<string, Set<string>>();
  for (const [key, e] of s.store.elements) {
    view.set(key, new Set(e.dots.map((d) => `${d.replica}:${d.counter}`)));
  }
  return view;
}

function apply(view: Map<string, Set<string>>, changes: OrSetChange): Map<string, Set<string>> {
  const out = new Map([...view].map(([k, tokens]) => [k, new Set(tokens)]));
  for (const [key, change] of changes) {
    const tokens = out.get(key) ?? new Set<string>();
    for (const [token, present] of change.tokens) {
      if (present) tokens.add(token);
      else tokens.delete(token);
    }
    if (tokens.size > 0) out.set(key, tokens);
    else out.delete(key);
  }
  return out;
}

/** Deltas of every kind a replica receives: op deltas, whole states, anti-entropy deltas, parts. */
const deltaKind = fc.constantFrom('op', 'state', 'deltaFor', 'part');

describe('awsetChanges', () => {
  it('applied to the token view of before, gives the token view of before ⊔ delta', () => {
    fc.assert(
      fc.property(arbitraryStates(awset, op), op, deltaKind, fc.nat(), ([s, t], o, kind, pick) => {
        const before = s as AwSetState;
        const other = t as AwSetState;
        const parts = awset.decompose(other);
        const delta =
          kind === 'op'
            ? awset.mutate(other, o, 'r2')
            : kind === 'state'
              ? other
              : kind === 'deltaFor'
                ? awset.deltaFor(other, awset.digest(before))
                : (parts[pick % Math.max(1, parts.length)] ?? awset.bottom());
        const changes = awsetChanges(before, delta);
        expect(apply(tokenView(before), changes)).toEqual(tokenView(join(awset, before, delta)));
        // Only real changes are reported, with the element's value.
        for (const [key, change] of changes) {
          expect(valueKey(change.value)).toBe(key);
          for (const [token, present] of change.tokens) {
            expect(tokenView(before).get(key)?.has(token) ?? false).toBe(!present);
          }
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('reports an add as a new token and a re-add as the new token in, the old one out', () => {
    const s = awset.bottom();
    const added = awset.mutate(s, { op: 'add', value: 'x' }, 'a');
    expect(awsetChanges(s, added)).toEqual(
      new Map([[valueKey('x'), { value: 'x', tokens: new Map([['a:1', true]]) }]]),
    );
    awset.mergeInto(s, added);
    const again = awset.mutate(s, { op: 'add', value: 'x' }, 'b');
    expect(awsetChanges(s, again).get(valueKey('x'))?.tokens).toEqual(
      new Map([
        ['b:1', true],
        ['a:1', false],
      ]),
    );
  });

  it('reports a remove as its tokens going false, and nothing for an unseen element', () => {
    const s = awset.bottom();
    update(awset, s, { op: 'addAll', values: ['x', 'y'] }, 'a');
    const removed = awset.mutate(s, { op: 'removeAll', values: ['x', 'nope'] }, 'b');
    expect(awsetChanges(s, removed)).toEqual(
      new Map([[valueKey('x'), { value: 'x', tokens: new Map([['a:1', false]]) }]]),
    );
  });

  it('does not report a dot already seen and dropped by before', () => {
    const s = awset.bottom();
    const added = update(awset, s, { op: 'add', value: 'x' }, 'a');
    update(awset, s, { op: 'remove', value: 'x' }, 'a');
    expect(awsetChanges(s, added).size).toBe(0);
  });
});
