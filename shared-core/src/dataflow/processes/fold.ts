import type { AnyCrdtType } from '../../crdt/crdt-type.js';
import { isLive, type OrSetEntries } from '../../crdt/orset.js';
import type { Value } from '../../values/value.js';
import { createAggregate, type AggregateKind, type Contribution } from '../aggregates/aggregate.js';
import type { Process } from '../process.js';
import type { Runtime } from '../runtime.js';
import { allEntries, entryOf } from '../set-entries.js';

export interface FoldSpec {
  aggregate: AggregateKind;
  /** The number an element contributes (default: the element itself). */
  value?: (x: Value) => Value;
  /** The key an element competes under in top-K (default: the element as text). */
  key?: (x: Value) => Value;
  /** K for top-K. */
  k?: number;
}

/**
 * fold: a set's live elements folded into an aggregate that follows removals too (Lasp's fold did
 * not). It keeps each element's contribution, so an element that is removed takes exactly what it
 * added back out, and each change costs the same whatever the size of the set. The result is a
 * derived value of this replica, a function of the input set's state, declared here when absent.
 */
export function foldProcess(
  runtime: Runtime,
  id: string,
  input: string,
  output: string,
  spec: FoldSpec,
): Process {
  const aggregate = createAggregate(spec.aggregate, spec.k);
  // The output starts as the aggregate of no elements: 0, null, or an empty top-K.
  if (!runtime.has(output)) {
    const topk = spec.aggregate === 'topk' ? { name: 'topk' as const, k: spec.k ?? 1 } : undefined;
    runtime.declareValue(output, aggregate.result(), topk);
  }
  const live = new Map<string, Contribution>();
  let inputType: AnyCrdtType | undefined;

  const contribution = (x: Value): Contribution | undefined => {
    try {
      const score = spec.aggregate === 'count' ? 1 : spec.value ? spec.value(x) : x;
      if (typeof score !== 'number')
        throw new TypeError(`fold ${spec.aggregate} needs a number, got ${JSON.stringify(score)}`);
      const key = spec.key ? spec.key(x) : x;
      return { score, key: typeof key === 'string' ? key : JSON.stringify(key) };
    } catch (error) {
      runtime.report(id, error, x);
      return undefined;
    }
  };

  const isStillLive = (key: string): boolean => {
    const type = (inputType ??= runtime.typeOf(input));
    const current = type && entryOf(type, runtime.state(input), key);
    return current !== undefined && isLive(current);
  };

  const apply = (entries: OrSetEntries) => {
    for (const [key, changed] of entries) {
      const previous = live.get(key);
      // Unchanged tokens keep their flags: an element that was not live can only come alive
      // through a changed token, and one that was stays live if a changed token is live. Only a
      // removal from a live element needs a look at all of its tokens.
      const nowLive = isLive(changed) || (previous !== undefined && isStillLive(key));
      if (nowLive && !previous) {
        const c = contribution(changed.value);
        if (c) {
          live.set(key, c);
          aggregate.add(c);
        }
      } else if (!nowLive && previous) {
        live.delete(key);
        aggregate.remove(previous);
      }
    }
    runtime.setValue(output, aggregate.result());
  };

  return {
    id,
    inputs: [input],
    outputs: [output],
    start() {
      const type = runtime.typeOf(input);
      if (type) apply(allEntries(type, runtime.state(input)));
    },
    onInput(_input, change) {
      if (change.entries) apply(change.entries);
    },
  };
}
