import type { Process } from '../process.js';
import type { Runtime } from '../runtime.js';
import { entryOf } from '../set-entries.js';
import { changedPairTokens } from './pair-tokens.js';
import { addTokens, setOperator, sidesOf } from './set-operator.js';

/**
 * intersection: an element is in the output while it is live on both sides. Its tokens are the
 * pairs of the two sides' tokens (as in product), so a removal on either side removes it; Lasp
 * concatenated the token lists, which kept an element removed on one side visible.
 */
export function intersectionProcess(
  runtime: Runtime,
  id: string,
  left: string,
  right: string,
  output: string,
): Process {
  return setOperator(runtime, {
    id,
    inputs: [left, right],
    output,
    transform(input, entries, out) {
      for (const { isLeft, otherType, otherState } of sidesOf(runtime, input, left, right)) {
        for (const [key, entry] of entries) {
          const match = entryOf(otherType, otherState, key);
          if (match) addTokens(out, key, entry.value, changedPairTokens(entry, match, isLeft));
        }
      }
    },
  });
}
