import type { Value } from '../../values/value.js';
import type { Process } from '../process.js';
import type { Runtime } from '../runtime.js';
import { setOperator } from './set-operator.js';

/** filter: keeps the elements (with their tokens) that satisfy the predicate. */
export function filterProcess(
  runtime: Runtime,
  id: string,
  input: string,
  output: string,
  predicate: (x: Value) => boolean,
): Process {
  return setOperator(runtime, {
    id,
    inputs: [input],
    output,
    transform(_input, entries, out) {
      for (const [key, entry] of entries) {
        let keep: boolean;
        try {
          keep = predicate(entry.value);
        } catch (error) {
          runtime.report(id, error, entry.value);
          continue;
        }
        if (keep) out.set(key, { value: entry.value, tokens: new Map(entry.tokens) });
      }
    },
  });
}
