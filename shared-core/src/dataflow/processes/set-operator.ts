import type { AnyCrdtType } from '../../crdt/crdt-type.js';
import type { OrSetEntries } from '../../crdt/orset.js';
import type { Value } from '../../values/value.js';
import type { InputChange, Process } from '../process.js';
import type { Runtime } from '../runtime.js';
import { allEntries } from '../set-entries.js';

/**
 * The shared shape of map, filter, union, intersection and product: on start, the whole input is
 * one change; afterwards each change of an input set is turned into an output delta by `transform`.
 * Outputs are orsets that only this process writes, so they need no tokens of their own.
 */
export function setOperator(
  runtime: Runtime,
  spec: {
    id: string;
    inputs: readonly string[];
    output: string;
    transform: (input: string, entries: OrSetEntries, out: OrSetEntries) => void;
  },
): Process {
  const emit = (input: string, entries: OrSetEntries) => {
    const out: OrSetEntries = new Map();
    spec.transform(input, entries, out);
    if (out.size > 0) runtime.merge(spec.output, { entries: out, clock: new Map() }, 'derived');
  };
  return {
    id: spec.id,
    inputs: spec.inputs,
    outputs: [spec.output],
    start() {
      for (const input of new Set(spec.inputs)) {
        const type = runtime.typeOf(input);
        if (type) emit(input, allEntries(type, runtime.state(input)));
      }
    },
    onInput(input: string, change: InputChange) {
      if (change.entries) emit(input, change.entries);
    },
  };
}

/** Adds `tokens` under `key` in an output delta, merging with tokens already there (map collisions). */
export function addTokens(
  out: OrSetEntries,
  key: string,
  value: Value,
  tokens: Iterable<[string, boolean]>,
): void {
  let entry = out.get(key);
  if (!entry) {
    entry = { value, tokens: new Map() };
    out.set(key, entry);
  }
  for (const [token, live] of tokens) {
    entry.tokens.set(token, (entry.tokens.get(token) ?? true) && live);
  }
}

/**
 * The sides a change of `input` stands on in a binary operator (both, when an input is joined with
 * itself), each with the current state of the other input.
 */
export function sidesOf(
  runtime: Runtime,
  input: string,
  left: string,
  right: string,
): Array<{ isLeft: boolean; otherType: AnyCrdtType; otherState: unknown }> {
  const sides = left === right ? [true, false] : [input === left];
  return sides.flatMap((isLeft) => {
    const other = isLeft ? right : left;
    const otherType = runtime.typeOf(other);
    return otherType ? [{ isLeft, otherType, otherState: runtime.state(other) }] : [];
  });
}
