import { z } from 'zod';
import { compareValues, valueKey, type Value } from '../values/value.js';
import { readAwSetStore, writeAwSetStore } from './awset-codec.js';
import {
  addDot,
  emptyAwSetStore,
  removeDot,
  visitJoin,
  type AwSetElement,
  type AwSetStore,
} from './awset-store.js';
import { CausalContext } from './causal-context.js';
import { causalCrdtType } from './causal-crdt.js';
import type { Causal, DotStore } from './causal-type.js';
import type { ReplicaId } from './crdt-type.js';
import { valueSchema } from './value-schema.js';

/**
 * Add-wins observed-remove set without tombstones (Almeida et al.'s AWSet; Lasp's state_awset).
 * An add tags the element with a fresh dot and supersedes the element's dots it has seen; a remove
 * sends only the context of the dots it has seen. A removed dot is forgotten: the context alone
 * remembers it was seen. An add concurrent with a remove survives it (its dot is unseen there).
 */
export type AwSetState = Causal<AwSetStore>;
export type AwSetOp =
  | { op: 'add'; value: Value }
  | { op: 'addAll'; values: Value[] }
  | { op: 'remove'; value: Value }
  | { op: 'removeAll'; values: Value[] };

export type { AwSetElement, AwSetStore };

const opSchema: z.ZodType<AwSetOp> = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), value: valueSchema }),
  z.object({ op: z.literal('addAll'), values: z.array(valueSchema) }),
  z.object({ op: z.literal('remove'), value: valueSchema }),
  z.object({ op: z.literal('removeAll'), values: z.array(valueSchema) }),
]);

function addition(
  store: AwSetStore,
  cc: CausalContext,
  values: readonly Value[],
  replica: ReplicaId,
): AwSetState {
  const delta = emptyAwSetStore();
  const seen = new CausalContext();
  let counter = cc.max(replica);
  for (const value of values) {
    const key = valueKey(value);
    if (delta.elements.has(key)) continue;
    const d = { replica, counter: ++counter };
    addDot(delta, key, value, d);
    seen.add(d);
    for (const old of store.elements.get(key)?.dots ?? []) seen.add(old);
  }
  return { store: delta, cc: seen };
}

function removal(store: AwSetStore, values: readonly Value[]): AwSetState {
  const seen = new CausalContext();
  for (const value of values) {
    for (const d of store.elements.get(valueKey(value))?.dots ?? []) seen.add(d);
  }
  return { store: emptyAwSetStore(), cc: seen };
}

function sameElements(a: AwSetStore, b: AwSetStore): boolean {
  if (a.elements.size !== b.elements.size) return false;
  for (const [key, element] of a.elements) {
    if (b.elements.get(key)?.dots.length !== element.dots.length) return false;
    for (const d of element.dots) if (b.index.get(d.replica)?.get(d.counter) !== key) return false;
  }
  return true;
}

function restrict(
  store: AwSetStore,
  keep: (replica: ReplicaId, counter: number) => boolean,
): AwSetStore {
  const out = emptyAwSetStore();
  for (const [key, element] of store.elements) {
    for (const d of element.dots)
      if (keep(d.replica, d.counter)) addDot(out, key, element.value, d);
  }
  return out;
}

const store: DotStore<AwSetStore, AwSetOp, Value[]> = {
  empty: emptyAwSetStore,
  isEmpty: (store) => store.elements.size === 0,
  clone: (store) => restrict(store, () => true),
  equals: sameElements,
  forEachDot(store, f) {
    for (const [replica, byCounter] of store.index) for (const c of byCounter.keys()) f(replica, c);
  },
  joinInto(target, targetCc, delta, deltaCc) {
    let changed = false;
    visitJoin(target, targetCc, delta, deltaCc, {
      add(key, element, d) {
        addDot(target, key, element.value, d);
        changed = true;
      },
      remove(key, replica, counter) {
        removeDot(target, key, replica, counter);
        changed = true;
      },
    });
    return changed;
  },
  query: (store) => [...store.elements.values()].map((e) => e.value).sort(compareValues),
  mutate(store, cc, op, replica) {
    switch (op.op) {
      case 'add':
        return addition(store, cc, [op.value], replica);
      case 'addAll':
        return addition(store, cc, op.values, replica);
      case 'remove':
        return removal(store, [op.value]);
      case 'removeAll':
        return removal(store, op.values);
    }
  },
  restrict,
  split: (store) =>
    [...store.elements].map(([key, element]) => {
      const part = emptyAwSetStore();
      for (const d of element.dots) addDot(part, key, element.value, d);
      return part;
    }),
  write: writeAwSetStore,
  read: readAwSetStore,
};

export const awset = causalCrdtType('awset', opSchema, store);
