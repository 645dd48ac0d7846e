import type { Value } from '../values/value.js';
import type { CausalContext } from './causal-context.js';
import type { ReplicaId } from './crdt-type.js';
import type { Dot } from './dot.js';

/** A present element: its value and the dots of the adds that keep it present. */
export interface AwSetElement {
  readonly value: Value;
  readonly dots: Dot[];
}

/**
 * The dot store of an awset: element key (valueKey) → element, plus the inverse index dot →
 * element key. The index is what lets a removal, which travels as a context only, find the
 * elements it removes in O(its size) instead of a scan of the set.
 */
export interface AwSetStore {
  readonly elements: Map<string, AwSetElement>;
  readonly index: Map<ReplicaId, Map<number, string>>;
}

export const emptyAwSetStore = (): AwSetStore => ({ elements: new Map(), index: new Map() });

/** Adds a dot of the element `key` (created with `value` if absent). */
export function addDot(store: AwSetStore, key: string, value: Value, d: Dot): void {
  const element = store.elements.get(key);
  if (element) element.dots.push(d);
  else store.elements.set(key, { value, dots: [d] });
  let byCounter = store.index.get(d.replica);
  if (!byCounter) store.index.set(d.replica, (byCounter = new Map()));
  byCounter.set(d.counter, key);
}

/** Removes a dot of the element `key`, and the element with its last dot. */
export function removeDot(
  store: AwSetStore,
  key: string,
  replica: ReplicaId,
  counter: number,
): void {
  const element = store.elements.get(key);
  if (element) {
    const i = element.dots.findIndex((d) => d.counter === counter && d.replica === replica);
    if (i >= 0) element.dots.splice(i, 1);
    if (element.dots.length === 0) store.elements.delete(key);
  }
  const byCounter = store.index.get(replica);
  byCounter?.delete(counter);
  if (byCounter?.size === 0) store.index.delete(replica);
}

export interface JoinVisitor {
  /** `d` of `delta`'s element `key` is new to the target. */
  add(key: string, element: AwSetElement, d: Dot): void;
  /** The target's dot (replica, counter) of element `key` is removed by the delta. */
  remove(key: string, replica: ReplicaId, counter: number): void;
}

/**
 * Visits what the causal join of (delta, deltaCc) into (target, targetCc) changes: a delta dot
 * the target has not seen is added; a target dot the delta has seen but does not hold is removed.
 * Costs O(delta's store + delta's cloud + min(range, target's dots of that replica)) per replica.
 * The visitor may add and remove as it goes: every added dot is in the delta's store, which is
 * what the removal pass skips.
 */
export function visitJoin(
  target: AwSetStore,
  targetCc: CausalContext,
  delta: AwSetStore,
  deltaCc: CausalContext,
  visitor: JoinVisitor,
): void {
  for (const [key, element] of delta.elements) {
    for (const d of element.dots) if (!targetCc.has(d)) visitor.add(key, element, d);
  }
  for (const [replica, n] of deltaCc.ranges) {
    const ours = target.index.get(replica);
    if (!ours) continue;
    const theirs = delta.index.get(replica);
    if (n < ours.size) {
      for (let c = 1; c <= n; c++) {
        const key = ours.get(c);
        if (key !== undefined && !theirs?.has(c)) visitor.remove(key, replica, c);
      }
    } else {
      for (const [c, key] of ours) {
        if (c <= n && !theirs?.has(c)) visitor.remove(key, replica, c);
      }
    }
  }
  for (const [replica, counters] of deltaCc.clouds) {
    const ours = target.index.get(replica);
    if (!ours) continue;
    const theirs = delta.index.get(replica);
    for (const c of counters) {
      const key = ours.get(c);
      if (key !== undefined && !theirs?.has(c)) visitor.remove(key, replica, c);
    }
  }
}
