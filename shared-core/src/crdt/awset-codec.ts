import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import { valueKey, type Value } from '../values/value.js';
import { addDot, emptyAwSetStore, type AwSetElement, type AwSetStore } from './awset-store.js';
import type { CausalContext } from './causal-context.js';
import type { ReplicaId } from './crdt-type.js';
import type { Dot, ReplicaIndex } from './dot.js';
import { readValueColumn, writeValueColumn } from './value-column.js';

// Layout, after the causal context and against its replica table:
//   the number of elements;
//   per replica in table order, runs of consecutive counters (uint gap from the previous run,
//     uint length - 1), each element placed at its least dot (replica index, then counter);
//   the elements' values in that order, as one value column;
//   the extra dots of elements with several: per replica, a count, then per dot in counter order
//     (uint counter gap, zigzag delta of the element's position in the order above).
// A replica adding in sequence gives one run, so an element costs its value in the column and
// nothing else. Every element and every extra dot costs at least a byte, so no input expands
// out of proportion when read.

type Placed = [counter: number, key: string];
type Extra = [counter: number, position: number];

function leastDot(element: AwSetElement, replicas: ReplicaIndex): [number, Dot] {
  let best = element.dots[0] as Dot;
  let bestIndex = replicas.get(best.replica) ?? 0;
  for (const d of element.dots) {
    const i = replicas.get(d.replica) ?? 0;
    if (i < bestIndex || (i === bestIndex && d.counter < best.counter)) [best, bestIndex] = [d, i];
  }
  return [bestIndex, best];
}

const byCounter = (a: [number, unknown], b: [number, unknown]): number => a[0] - b[0];

export function writeAwSetStore(w: ByteWriter, store: AwSetStore, replicas: ReplicaIndex): void {
  const placed: Placed[][] = [...replicas.keys()].map(() => []);
  let extraDots = false;
  for (const [key, element] of store.elements) {
    const [i, d] = leastDot(element, replicas);
    placed[i]?.push([d.counter, key]);
    if (element.dots.length > 1) extraDots = true;
  }
  w.uint(store.elements.size);
  const values: Value[] = [];
  const position = new Map<string, number>();
  for (const list of placed) {
    list.sort(byCounter);
    const runs: [first: number, length: number][] = [];
    for (const [counter] of list) {
      const last = runs[runs.length - 1];
      if (last && last[0] + last[1] === counter) last[1]++;
      else runs.push([counter, 1]);
    }
    w.uint(runs.length);
    let prev = 0;
    for (const [first, length] of runs) {
      w.uint(first - prev - 1);
      w.uint(length - 1);
      prev = first + length - 1;
    }
    for (const [, key] of list) {
      if (extraDots) position.set(key, values.length);
      values.push((store.elements.get(key) as AwSetElement).value);
    }
  }
  writeValueColumn(w, values);
  writeExtraDots(w, store, replicas, position);
}

function writeExtraDots(
  w: ByteWriter,
  store: AwSetStore,
  replicas: ReplicaIndex,
  position: Map<string, number>,
): void {
  const extras: Extra[][] = [...replicas.keys()].map(() => []);
  if (position.size > 0) {
    for (const [key, element] of store.elements) {
      if (element.dots.length < 2) continue;
      const [, least] = leastDot(element, replicas);
      for (const d of element.dots) {
        if (d === least) continue;
        extras[replicas.get(d.replica) ?? 0]?.push([d.counter, position.get(key) ?? 0]);
      }
    }
  }
  for (const list of extras) {
    list.sort(byCounter);
    w.uint(list.length);
    let prevCounter = 0;
    let prevPosition = 0;
    for (const [counter, at] of list) {
      w.uint(counter - prevCounter - 1);
      w.int(at - prevPosition);
      prevCounter = counter;
      prevPosition = at;
    }
  }
}

export function readAwSetStore(
  r: ByteReader,
  replicas: readonly ReplicaId[],
  cc: CausalContext,
): AwSetStore {
  const total = r.count(1);
  const dots: Dot[] = [];
  for (const replica of replicas) {
    const runs = r.count(2);
    let prev = 0;
    for (let i = 0; i < runs; i++) {
      const first = prev + r.uint() + 1;
      const last = first + r.uint();
      if (last - first >= total - dots.length) r.fail('more elements than announced');
      for (let c = first; c <= last; c++) {
        if (!cc.contains(replica, c)) r.fail('dot outside the causal context');
        dots.push({ replica, counter: c });
      }
      prev = last;
    }
  }
  if (dots.length !== total) r.fail('fewer elements than announced');
  const values = readValueColumn(r, total);
  const store = emptyAwSetStore();
  const keys: string[] = [];
  for (let i = 0; i < total; i++) {
    const value = values[i] as Value;
    const key = valueKey(value);
    if (store.elements.has(key)) r.fail('duplicate element');
    addDot(store, key, value, dots[i] as Dot);
    keys.push(key);
  }
  for (const replica of replicas) {
    const n = r.count(2);
    let counter = 0;
    let at = 0;
    for (let i = 0; i < n; i++) {
      counter += r.uint() + 1;
      at += r.int();
      const key = keys[at];
      if (key === undefined) r.fail('element position out of range');
      if (!cc.contains(replica, counter)) r.fail('dot outside the causal context');
      if (store.index.get(replica)?.has(counter)) r.fail('dot appears twice');
      addDot(store, key, (store.elements.get(key) as AwSetElement).value, { replica, counter });
    }
  }
  return store;
}
