import { ExactSum } from './exact-sum.js';
import { SortedList } from './sorted-list.js';

export type AggregateKind = 'sum' | 'count' | 'min' | 'max' | 'topk';
export const AGGREGATE_KINDS: readonly AggregateKind[] = ['sum', 'count', 'min', 'max', 'topk'];

/** One live element's contribution: its number, and for top-K the key it competes under. */
export interface Contribution {
  score: number;
  key: string;
}

/**
 * An aggregate that elements join and leave: the incremental part of fold. Each method costs about
 * the same whatever the number of elements, and the result depends only on the elements present,
 * not on the order they came and went in.
 */
export interface Aggregate {
  add(c: Contribution): void;
  remove(c: Contribution): void;
  /** number for sum/count, number | null for min/max, Map<key, score> of the K best for topk. */
  result(): unknown;
}

const byScoreThenKey = (a: Contribution, b: Contribution) =>
  a.score !== b.score ? a.score - b.score : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

export function createAggregate(kind: AggregateKind, k = 1): Aggregate {
  switch (kind) {
    case 'count': {
      let n = 0;
      return { add: () => void n++, remove: () => void n--, result: () => n };
    }
    case 'sum': {
      const sum = new ExactSum();
      return {
        add: (c) => sum.add(c.score),
        remove: (c) => sum.subtract(c.score),
        result: () => sum.value(),
      };
    }
    case 'min':
    case 'max': {
      const list = new SortedList<number>((a, b) => a - b);
      return {
        add: (c) => list.insert(c.score),
        remove: (c) => void list.delete(c.score),
        result: () => (kind === 'min' ? list.first() : list.last()) ?? null,
      };
    }
    case 'topk':
      return topK(k);
  }
}

/**
 * Top-K over elements grouped by key: a key's score is the best of its live elements, and the
 * result holds the K best keys (score descending, key ascending, as the topk CRDT orders them).
 */
function topK(k: number): Aggregate {
  const groups = new Map<string, SortedList<number>>();
  const best = new SortedList<Contribution>((a, b) => byScoreThenKey(b, a));
  const bestOf = (key: string): Contribution | undefined => {
    const score = groups.get(key)?.last();
    return score === undefined ? undefined : { key, score };
  };
  const change = (key: string, edit: (scores: SortedList<number>) => void) => {
    const before = bestOf(key);
    let scores = groups.get(key);
    if (!scores) {
      scores = new SortedList<number>((a, b) => a - b);
      groups.set(key, scores);
    }
    edit(scores);
    if (scores.size === 0) groups.delete(key);
    const after = bestOf(key);
    if (before?.score === after?.score) return;
    if (before) best.delete(before);
    if (after) best.insert(after);
  };
  return {
    add: (c) => change(c.key, (scores) => scores.insert(c.score)),
    remove: (c) => change(c.key, (scores) => void scores.delete(c.score)),
    result: () => new Map(best.take(k).map((c) => [c.key, c.score])),
  };
}
