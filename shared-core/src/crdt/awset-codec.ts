import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import { valueKey, type Value } from '../values/value.js';
import { addDot, emptyAwSetStore, type AwSetElement, type AwSetStore } from './awset-store.js';
import type { CausalContext } from './causal-context.js';
import type { ReplicaId } from './crdt-type.js';
import type { Dot, ReplicaIndex } from './dot.js';
import { readValueColumn, writeValueColumn } from './value-column.js';

// Layout, after the causal context and against its replica table: the number of elements × 2,
// + 1 when the store holds exactly the context's dots, one per element (an add's delta, a state
// without removals or concurrent adds of one element). Then, for such a store, only the values,
// as one value column in the order of their dots in the context (table order, then counter).
// For any other non-empty store:
//   per replica in table order, runs of consecutive counters (uint gap from the previous run,
//     uint length - 1), each element placed at its least dot (replica index, then counter);
//   the elements' values in that order, as one value column;
//   the extra dots of elements with several: per replica, runs in which counter and position (in
//     the order above) both step by one: uint counter gap from the previous run, uint zigzag
//     position delta × 2 + 1 if the run is longer than one, then uint length - 2 if so.
// A replica adding in sequence gives one run, and so do elements added concurrently at two
// replicas in the same order. Every element costs at least a byte, and every extra-dot run two;
// runs add at most one dot per element beyond their first dots, so what is read stays
// proportional to the input.

const byNumber = (a: number, b: number): number => a - b;

export function writeAwSetStore(w: ByteWriter, store: AwSetStore, replicas: ReplicaIndex): void {
  const total = store.elements.size;
  if (total === 0) w.uint(0);
  else if (holdsContext(store, replicas.context)) {
    w.uint(2 * total + 1);
    writeValueColumn(w, contextOrder(store, replicas));
  } else {
    w.uint(2 * total);
    writeRuns(w, store, replicas);
  }
}

/** Whether the store's dots are its context's, one per element (it holds no dot outside it). */
function holdsContext(store: AwSetStore, cc: CausalContext): boolean {
  const total = store.elements.size;
  let dots = 0;
  for (const byCounter of store.index.values()) dots += byCounter.size;
  if (dots !== total) return false;
  for (const n of cc.ranges.values()) dots -= n;
  for (const cloud of cc.clouds.values()) dots -= cloud.size;
  return dots === 0;
}

function contextOrder(store: AwSetStore, replicas: ReplicaIndex): Value[] {
  const values: Value[] = [];
  const cc = replicas.context;
  for (const replica of replicas.keys()) {
    const n = cc.contiguous(replica);
    for (let c = 1; c <= n; c++) values.push(valueAt(store, replica, c));
    const cloud = cc.clouds.get(replica);
    if (cloud === undefined) continue;
    for (const c of cloud.size === 1 ? cloud : [...cloud].sort(byNumber)) {
      values.push(valueAt(store, replica, c));
    }
  }
  return values;
}

function valueAt(store: AwSetStore, replica: ReplicaId, counter: number): Value {
  const key = store.index.get(replica)?.get(counter);
  if (key === undefined)
    throw new Error(`dot ${replica}:${counter} of the context not in the store`);
  return (store.elements.get(key) as AwSetElement).value;
}

/** A replica's dots in counter order: counters and the keys of their elements. */
function dotsInOrder(byCounter: ReadonlyMap<number, string> | undefined): [number[], string[]] {
  const counters: number[] = [];
  const keys: string[] = [];
  let sorted = true;
  byCounter?.forEach((key, c) => {
    if (sorted && c < (counters[counters.length - 1] ?? 0)) sorted = false;
    counters.push(c);
    keys.push(key);
  });
  if (sorted) return [counters, keys];
  const order = counters
    .map((_, i) => i)
    .sort((a, b) => byNumber(counters[a] ?? 0, counters[b] ?? 0));
  return [order.map((i) => counters[i] as number), order.map((i) => keys[i] as string)];
}

/** Whether dot (replica index `i`, counter `c`) is the least of the element's dots. */
function isLeast(element: AwSetElement, replicas: ReplicaIndex, i: number, c: number): boolean {
  for (const d of element.dots) {
    const j = replicas.get(d.replica);
    if (j === undefined) throw new Error(`dot of ${d.replica} outside the causal context`);
    if (j < i || (j === i && d.counter < c)) return false;
  }
  return true;
}

function writeRuns(w: ByteWriter, store: AwSetStore, replicas: ReplicaIndex): void {
  const values: Value[] = [];
  const position = new Map<string, number>();
  // Per replica, extra-dot runs as flat triples (first counter, first position, length).
  const extras: number[][] = [];
  let budget = store.elements.size;
  for (const [replica, i] of replicas) {
    const [counters, keys] = dotsInOrder(store.index.get(replica));
    const runs: number[] = [];
    const extra: number[] = [];
    for (let j = 0; j < counters.length; j++) {
      const c = counters[j] as number;
      const key = keys[j] as string;
      const element = store.elements.get(key) as AwSetElement;
      if (element.dots.length === 1 || isLeast(element, replicas, i, c)) {
        if (runs.length > 0 && runs[runs.length - 1] === c - 1) runs[runs.length - 1] = c;
        else runs.push(c, c);
        if (element.dots.length > 1) position.set(key, values.length);
        values.push(element.value);
        continue;
      }
      // The element's least dot came earlier in this order, so it has its position.
      const at = position.get(key) as number;
      const k = extra.length - 3;
      const length = k >= 0 ? (extra[k + 2] as number) : 0;
      if (length > 0 && budget > 0 && extra[k] === c - length && extra[k + 1] === at - length) {
        extra[k + 2] = length + 1;
        budget--;
      } else extra.push(c, at, 1);
    }
    w.uint(runs.length / 2);
    let prev = 0;
    for (let k = 0; k < runs.length; k += 2) {
      const first = runs[k] as number;
      const last = runs[k + 1] as number;
      w.uint(first - prev - 1);
      w.uint(last - first);
      prev = last;
    }
    extras.push(extra);
  }
  if (values.length !== store.elements.size)
    throw new Error('store dot outside the causal context');
  writeValueColumn(w, values);
  for (const extra of extras) writeExtraRuns(w, extra);
}

function writeExtraRuns(w: ByteWriter, runs: readonly number[]): void {
  w.uint(runs.length / 3);
  let counter = 0;
  let at = 0;
  for (let k = 0; k < runs.length; k += 3) {
    const first = runs[k] as number;
    const start = runs[k + 1] as number;
    const length = runs[k + 2] as number;
    const delta = start - at;
    w.uint(first - counter - 1);
    w.uint(2 * (delta >= 0 ? 2 * delta : -2 * delta - 1) + (length > 1 ? 1 : 0));
    if (length > 1) w.uint(length - 2);
    counter = first + length - 1;
    at = start + length - 1;
  }
}

export function readAwSetStore(
  r: ByteReader,
  replicas: readonly ReplicaId[],
  cc: CausalContext,
): AwSetStore {
  // The header is twice the count, and every element takes at least a byte.
  const header = r.count(0.5);
  const total = Math.floor(header / 2);
  if (total === 0) return emptyAwSetStore();
  return header % 2 === 1 ? readExact(r, replicas, cc, total) : readRuns(r, replicas, cc, total);
}

function readExact(
  r: ByteReader,
  replicas: readonly ReplicaId[],
  cc: CausalContext,
  total: number,
): AwSetStore {
  let seen = 0;
  for (const replica of replicas) {
    seen += cc.contiguous(replica) + (cc.clouds.get(replica)?.size ?? 0);
    if (seen > total) break;
  }
  if (seen !== total) r.fail('the context has not one dot per element');
  const values = readValueColumn(r, total);
  const store = emptyAwSetStore();
  let i = 0;
  for (const replica of replicas) {
    const n = cc.contiguous(replica);
    for (let c = 1; c <= n; c++) place(r, store, values[i++] as Value, { replica, counter: c });
    const cloud = cc.clouds.get(replica);
    if (cloud === undefined) continue;
    for (const c of [...cloud].sort(byNumber)) {
      place(r, store, values[i++] as Value, { replica, counter: c });
    }
  }
  return store;
}

/** Adds a new element with its least dot; returns its key. */
function place(r: ByteReader, store: AwSetStore, value: Value, d: Dot): string {
  const key = valueKey(value);
  if (store.elements.has(key)) r.fail('duplicate element');
  addDot(store, key, value, d);
  return key;
}

function readRuns(
  r: ByteReader,
  replicas: readonly ReplicaId[],
  cc: CausalContext,
  total: number,
): AwSetStore {
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
  for (let i = 0; i < total; i++) keys.push(place(r, store, values[i] as Value, dots[i] as Dot));
  let budget = total;
  for (const replica of replicas) {
    const runs = r.count(2);
    let counter = 0;
    let at = 0;
    for (let i = 0; i < runs; i++) {
      const first = counter + r.uint() + 1;
      const header = r.uint();
      const zigzag = Math.floor(header / 2);
      const start = at + (zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2);
      const length = header % 2 === 1 ? r.uint() + 2 : 1;
      if (length - 1 > budget) r.fail('more extra dots than the elements allow');
      budget -= length - 1;
      if (start < 0 || start + length > total) r.fail('element position out of range');
      for (let k = 0; k < length; k++) {
        const c = first + k;
        const key = keys[start + k] as string;
        if (!cc.contains(replica, c)) r.fail('dot outside the causal context');
        if (store.index.get(replica)?.has(c)) r.fail('dot appears twice');
        addDot(store, key, (store.elements.get(key) as AwSetElement).value, {
          replica,
          counter: c,
        });
      }
      counter = first + length - 1;
      at = start + length - 1;
    }
  }
  return store;
}
