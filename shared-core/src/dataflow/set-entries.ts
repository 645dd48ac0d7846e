import type { AnyCrdtType } from '../crdt/crdt-type.js';
import type { OrSetEntries, OrSetEntry, OrSetState } from '../crdt/orset.js';

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

/** Every element of a set state with all its tokens. */
export function allEntries(type: AnyCrdtType, state: unknown): OrSetEntries {
  return (state as OrSetState).entries;
}

/** One element's tokens as they are now, or undefined when the set never had it. */
export function entryOf(type: AnyCrdtType, state: unknown, key: string): OrSetEntry | undefined {
  return (state as OrSetState).entries.get(key);
}

/** For types whose changes must be read before merging (awset drops removed dots), compute them now. */
export function entriesBeforeMerge(
  _type: AnyCrdtType,
  _before: unknown,
  _delta: unknown,
): OrSetEntries | undefined {
  return undefined;
}
