import { z } from 'zod';
import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import type { CrdtType } from './crdt-type.js';

/**
 * Lasp's top-K set (lasp_top_k_set): the K best keys by their highest score. State: key → best
 * score, at most K entries. Join takes the per-key max and keeps the K best under a total order
 * (score descending, then key ascending). That is associative: an entry that truncation drops can
 * never return, because it is already beaten by K entries with other keys or by its own key's
 * better score, and both stay true in every later join. The law tests check it on random states.
 */
export type TopKState = Map<string, number>;
export type TopKOp = { op: 'add'; key: string; score: number };
export interface TopKEntry {
  key: string;
  score: number;
}

export interface TopKType extends CrdtType<TopKState, TopKOp, TopKEntry[], TopKState> {
  readonly k: number;
}

const opSchema: z.ZodType<TopKOp> = z.object({
  op: z.literal('add'),
  key: z.string(),
  score: z.number().refine(Number.isFinite, 'score must be finite'),
});

/** Best first: higher score, then smaller key. */
const better = ([ka, sa]: [string, number], [kb, sb]: [string, number]): number =>
  sa !== sb ? sb - sa : ka < kb ? -1 : ka > kb ? 1 : 0;

export function createTopK(k: number): TopKType {
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`top-K needs a positive k, got ${k}`);

  /** The join of `a` and `b`, as a new state. */
  function joined(a: TopKState, b: TopKState): TopKState {
    const best = new Map(a);
    for (const [key, score] of b) if (score > (best.get(key) ?? -Infinity)) best.set(key, score);
    return best.size <= k ? best : new Map([...best].sort(better).slice(0, k));
  }

  const type: TopKType = {
    name: 'topk',
    k,
    opSchema,
    bottom: () => new Map(),
    clone: (s) => new Map(s),
    mergeInto(target, delta) {
      const next = joined(target, delta);
      if (type.equals(next, target)) return false;
      target.clear();
      for (const [key, score] of next) target.set(key, score);
      return true;
    },
    leq: (a, b) => type.equals(joined(a, b), b),
    equals(a, b) {
      if (a.size !== b.size) return false;
      for (const [key, score] of a) if (b.get(key) !== score) return false;
      return true;
    },
    query: (s) => [...s].sort(better).map(([key, score]) => ({ key, score })),
    mutate(s, op) {
      const delta: TopKState = new Map([[op.key, op.score]]);
      // An add that does not make the top K (or does not beat the key's score) changes nothing.
      return type.leq(delta, s) ? new Map() : delta;
    },
    decompose: (s) => [...s].map((entry) => new Map([entry])),
    digest: (s) => s,
    deltaFor(s, d) {
      // Send what could change the peer: better scores for its keys, and keys it lacks that beat
      // its worst entry when it is full.
      const worst = d.size >= k ? [...d].sort(better).at(-1) : undefined;
      const delta: TopKState = new Map();
      for (const entry of s) {
        const theirs = d.get(entry[0]);
        if (theirs !== undefined ? entry[1] > theirs : !worst || better(entry, worst) < 0) {
          delta.set(entry[0], entry[1]);
        }
      }
      return delta;
    },
    encode: (s, w) => writeScores(w, s),
    decode: (r) => readScores(r, k),
    encodeDigest: (d, w) => writeScores(w, d),
    decodeDigest: (r) => readScores(r, k),
  };
  return type;
}

const enum ScoreMode {
  Integers = 0,
  Doubles = 1,
}

// Scores are usually integers, written as zig-zag varints; a state with any other score writes
// all its scores as doubles.
function writeScores(w: ByteWriter, s: TopKState): void {
  const entries = [...s].sort(better);
  const integers = entries.every(([, score]) => Number.isSafeInteger(score));
  w.uint(entries.length);
  w.byte(integers ? ScoreMode.Integers : ScoreMode.Doubles);
  for (const [key, score] of entries) {
    w.string(key);
    if (integers) w.int(score);
    else w.float64(score);
  }
}

function readScores(r: ByteReader, k: number): TopKState {
  const n = r.count(2);
  if (n > k) r.fail(`${n} entries exceed k = ${k}`);
  const mode = r.byte();
  if (mode !== ScoreMode.Integers && mode !== ScoreMode.Doubles)
    r.fail(`invalid score mode ${mode}`);
  const s: TopKState = new Map();
  for (let i = 0; i < n; i++) {
    const key = r.string();
    if (s.has(key)) r.fail(`duplicate key ${JSON.stringify(key)}`);
    const score = mode === ScoreMode.Integers ? r.int() : r.float64();
    if (!Number.isFinite(score)) r.fail('non-finite score');
    s.set(key, score);
  }
  return s;
}
