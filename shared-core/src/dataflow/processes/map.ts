import { valueKey, type Value } from '../../values/value.js';
import type { Process } from '../process.js';
import type { Runtime } from '../runtime.js';
import { addTokens, setOperator } from './set-operator.js';

/**
 * map: each element x becomes f(x) with x's tokens. Elements that map to the same output merge
 * their tokens (Lasp appended them instead), so the output stays while any source is present.
 */
export function mapProcess(
  runtime: Runtime,
  id: string,
  input: string,
  output: string,
  fn: (x: Value) => Value,
): Process {
  return setOperator(runtime, {
    id,
    inputs: [input],
    output,
    transform(_input, entries, out) {
      for (const entry of entries.values()) {
        let y: Value;
        try {
          y = fn(entry.value);
        } catch (error) {
          runtime.report(id, error, entry.value);
          continue;
        }
        addTokens(out, valueKey(y), y, entry.tokens);
      }
    },
  });
}
