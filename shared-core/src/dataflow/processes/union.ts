import type { Process } from '../process.js';
import type { Runtime } from '../runtime.js';
import { addTokens, setOperator } from './set-operator.js';

/**
 * union: the join of both inputs. Tokens are tagged with their side (`<` left, `>` right): the same
 * replica may have minted the same token in two different sets, and a removal on one side must not
 * remove the element the other side still has.
 */
export function unionProcess(
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
      const tag = input === left ? '<' : '>';
      for (const [key, entry] of entries) {
        addTokens(
          out,
          key,
          entry.value,
          [...entry.tokens].map(([t, live]) => [tag + t, live]),
        );
      }
      // A self-union (left === right) feeds both sides from one change.
      if (left === right) {
        for (const [key, entry] of entries) {
          addTokens(
            out,
            key,
            entry.value,
            [...entry.tokens].map(([t, live]) => ['>' + t, live]),
          );
        }
      }
    },
  });
}
