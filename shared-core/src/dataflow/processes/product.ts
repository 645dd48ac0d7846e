import { valueKey } from '../../values/value.js';
import type { Process } from '../process.js';
import type { Runtime } from '../runtime.js';
import { allEntries } from '../set-entries.js';
import { changedPairTokens } from './pair-tokens.js';
import { addTokens, setOperator, sidesOf } from './set-operator.js';

/**
 * product: every pair [l, r], live while both are. A change to one element yields its pairs with
 * every element of the other side, so the work per change is the size of the other side (the size
 * of the output delta itself), not of both.
 */
export function productProcess(
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
        const others = allEntries(otherType, otherState);
        for (const entry of entries.values()) {
          for (const match of others.values()) {
            const value = isLeft ? [entry.value, match.value] : [match.value, entry.value];
            addTokens(out, valueKey(value), value, changedPairTokens(entry, match, isLeft));
          }
        }
      }
    },
  });
}
