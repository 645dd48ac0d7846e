import type { OrSetEntry } from '../../crdt/orset.js';

/**
 * The tokens of a pair of elements: one per pair of tokens, live only while both are. Removing
 * either element therefore removes the pair (Lasp's product semantics, used for intersection too).
 */
export function pairTokens(
  left: Map<string, boolean>,
  right: Map<string, boolean>,
): Array<[string, boolean]> {
  const tokens: Array<[string, boolean]> = [];
  for (const [tl, liveL] of left) {
    for (const [tr, liveR] of right) tokens.push([`(${tl}*${tr})`, liveL && liveR]);
  }
  return tokens;
}

/** The pair tokens of `changed` (one side's changed tokens) against all of `other`'s tokens. */
export function changedPairTokens(
  changed: OrSetEntry,
  other: OrSetEntry,
  changedIsLeft: boolean,
): Array<[string, boolean]> {
  return changedIsLeft
    ? pairTokens(changed.tokens, other.tokens)
    : pairTokens(other.tokens, changed.tokens);
}
