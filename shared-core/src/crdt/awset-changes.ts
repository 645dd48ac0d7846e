import type { Value } from '../values/value.js';
import type { AwSetState } from './awset.js';
import { visitJoin } from './awset-store.js';
import { baseToken } from './replica-id.js';

/**
 * Per element key, the tokens that change and how: `true` the token becomes present, `false` a
 * present token is removed. The same shape as an orset's entries, which is how the dataflow
 * operators consume set inputs.
 */
export type OrSetChange = Map<string, { value: Value; tokens: Map<string, boolean> }>;

/**
 * What merging `delta` into `before` changes, computed before the merge, with each dot (r, n) as
 * the token `r:n`. It follows the awset join exactly (a delta dot `before` has already seen and
 * dropped is no change) and costs O(|delta|), through the dot index.
 */
export function awsetChanges(before: AwSetState, delta: AwSetState): OrSetChange {
  const changes: OrSetChange = new Map();
  const note = (key: string, value: Value, token: string, present: boolean): void => {
    let change = changes.get(key);
    if (!change) changes.set(key, (change = { value, tokens: new Map() }));
    change.tokens.set(token, present);
  };
  visitJoin(before.store, before.cc, delta.store, delta.cc, {
    add: (key, element, d) => note(key, element.value, baseToken(d.replica, d.counter), true),
    remove(key, replica, counter) {
      const element = before.store.elements.get(key);
      if (element) note(key, element.value, baseToken(replica, counter), false);
    },
  });
  return changes;
}
