import type { Process } from '../process.js';
import type { Runtime } from '../runtime.js';

/**
 * bind_to: every inflation of `source` is joined into `target` (of the same type). A derived source
 * (a fold's top-K) has no delta, so its whole current value is joined.
 */
export function bindToProcess(
  runtime: Runtime,
  id: string,
  source: string,
  target: string,
): Process {
  const joinSource = (delta?: unknown) => {
    const v = runtime.variable(source);
    runtime.merge(target, v.kind === 'lattice' && delta !== undefined ? delta : v.state, 'derived');
  };
  return {
    id,
    inputs: [source],
    outputs: [target],
    start: () => joinSource(),
    onInput: (_input, change) => joinSource(change.delta),
  };
}
