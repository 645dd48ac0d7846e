import type { AwSetElement, AwSetState } from '../crdt/awset.js';
import { awsetChanges } from '../crdt/awset-changes.js';
import type { AnyCrdtType } from '../crdt/crdt-type.js';
import type { OrSetEntries, OrSetEntry, OrSetState } from '../crdt/orset.js';
import { baseToken } from '../crdt/replica-id.js';

// How set variables look to the operators: every element with its tokens (orset tokens, or awset
// dots written as tokens), whatever the set type underneath.

export const isOperatorSetType = (name: string): boolean => name === 'orset' || name === 'awset';

/** The changed elements of an orset after `delta` was merged, with their tokens' current flags. */
export function orsetEntriesAfterMerge(state: OrSetState, delta: OrSetState): OrSetEntries {
  const entries: OrSetEntries = new Map();
  for (const [key, entry] of delta.entries) {
    const current = state.entries.get(key);
    if (!current) continue;
    const tokens = new Map<string, boolean>();
    for (const token of entry.tokens.keys()) {
      const live = current.tokens.get(token);
      if (live !== undefined) tokens.set(token, live);
    }
    entries.set(key, { value: current.value, tokens });
  }
  return entries;
}

/** An awset element as operators see it: its dots, each a live token. */
const awsetEntry = (element: AwSetElement): OrSetEntry => ({
  value: element.value,
  tokens: new Map(element.dots.map((d) => [baseToken(d.replica, d.counter), true])),
});

/** Every element of a set state with all its tokens. */
export function allEntries(type: AnyCrdtType, state: unknown): OrSetEntries {
  if (type.name !== 'awset') return (state as OrSetState).entries;
  const entries: OrSetEntries = new Map();
  for (const [key, element] of (state as AwSetState).store.elements)
    entries.set(key, awsetEntry(element));
  return entries;
}

/** One element's tokens as they are now, or undefined when the set does not hold it. */
export function entryOf(type: AnyCrdtType, state: unknown, key: string): OrSetEntry | undefined {
  if (type.name !== 'awset') return (state as OrSetState).entries.get(key);
  const element = (state as AwSetState).store.elements.get(key);
  return element && awsetEntry(element);
}

/**
 * An awset forgets a removed dot, so its changes are read before the merge: which dots the delta
 * adds, and which present dots its context removes.
 */
export function entriesBeforeMerge(
  type: AnyCrdtType,
  before: unknown,
  delta: unknown,
): OrSetEntries | undefined {
  return type.name === 'awset'
    ? awsetChanges(before as AwSetState, delta as AwSetState)
    : undefined;
}
