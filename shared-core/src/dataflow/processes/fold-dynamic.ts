import { erase } from '../../crdt/erase.js';
import { valuesEqual, type Value } from '../../values/value.js';
import type { AggregateKind } from '../aggregates/aggregate.js';
import { createContributions, type ContributionsState } from '../dynamic-contributions.js';
import type { Process } from '../process.js';
import type { Runtime } from '../runtime.js';

/**
 * fold_dynamic: publishes this replica's value of a dynamic (never replicated) variable into a
 * replicated variable that holds every replica's latest value, and whose value is their aggregate.
 */
export function foldDynamicProcess(
  runtime: Runtime,
  id: string,
  input: string,
  output: string,
  spec: { aggregate: AggregateKind; k?: number },
): Process {
  const contributions = createContributions(spec.aggregate, spec.k);
  if (!runtime.has(output)) runtime.declareType(output, erase(contributions), { derived: true });
  const publish = () => {
    const value = runtime.query(input) as Value;
    const current = runtime.state(output) as ContributionsState;
    const mine = current.get(runtime.replica);
    if (mine && valuesEqual(mine.value, value)) return;
    const delta = contributions.mutate(current, { op: 'publish', value }, runtime.replica);
    runtime.merge(output, delta, 'derived');
  };
  return { id, inputs: [input], outputs: [output], start: publish, onInput: publish };
}
