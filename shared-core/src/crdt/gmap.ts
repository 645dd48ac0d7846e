import { byKey } from '../values/value.js';
import { z } from 'zod';
import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import type { CrdtType } from './crdt-type.js';

/**
 * Grow-only map (Lasp's state_gmap): string keys to states of one value type, merged per key. A
 * key is present once its value is above bottom; bottom values are never stored, so a map is the
 * pointwise lattice of functions from keys to value states.
 */
export type GMapState<S> = Map<string, S>;
export type GMapOp<O> = { op: 'apply'; key: string; inner: O };

export interface GMapType<S, O extends { op: string }, Q, D> extends CrdtType<
  GMapState<S>,
  GMapOp<O>,
  Record<string, Q>,
  Map<string, D>
> {
  readonly value: CrdtType<S, O, Q, D>;
}

export function createGMap<S, O extends { op: string }, Q, D>(
  value: CrdtType<S, O, Q, D>,
): GMapType<S, O, Q, D> {
  const isBottom = (s: S) => value.leq(s, value.bottom());
  const opSchema: z.ZodType<GMapOp<O>> = z.object({
    op: z.literal('apply'),
    key: z.string(),
    inner: value.opSchema,
  });

  /** Keeps only the non-bottom values: the canonical form of a map. */
  const mapOf = (entries: Iterable<[string, S]>): GMapState<S> =>
    new Map([...entries].filter(([, v]) => !isBottom(v)));

  function writeMap<T>(w: ByteWriter, map: Map<string, T>, write: (t: T, w: ByteWriter) => void) {
    const sorted = [...map].sort(byKey);
    w.uint(sorted.length);
    for (const [key, t] of sorted) {
      w.string(key);
      write(t, w);
    }
  }

  function readMap<T>(r: ByteReader, read: (r: ByteReader) => T, check?: (t: T) => void) {
    // Every entry takes at least its key's length byte.
    const n = r.count(1);
    const map = new Map<string, T>();
    for (let i = 0; i < n; i++) {
      const key = r.string();
      if (map.has(key)) r.fail(`duplicate key ${JSON.stringify(key)}`);
      const t = read(r);
      check?.(t);
      map.set(key, t);
    }
    return map;
  }

  const type: GMapType<S, O, Q, D> = {
    name: 'gmap',
    value,
    opSchema,
    bottom: () => new Map(),
    clone: (s) => new Map([...s].map(([key, v]) => [key, value.clone(v)])),
    mergeInto(target, delta) {
      let grew = false;
      for (const [key, v] of delta) {
        const existing = target.get(key);
        if (existing !== undefined) {
          if (value.mergeInto(existing, v)) grew = true;
        } else if (!isBottom(v)) {
          target.set(key, value.clone(v));
          grew = true;
        }
      }
      return grew;
    },
    leq(a, b) {
      for (const [key, v] of a) if (!value.leq(v, b.get(key) ?? value.bottom())) return false;
      return true;
    },
    equals: (a, b) => type.leq(a, b) && type.leq(b, a),
    query: (s) => Object.fromEntries([...s].sort(byKey).map(([key, v]) => [key, value.query(v)])),
    mutate(s, op, replica) {
      const inner = value.mutate(s.get(op.key) ?? value.bottom(), op.inner, replica);
      return mapOf([[op.key, inner]]);
    },
    decompose: (s) =>
      [...s].flatMap(([key, v]) => value.decompose(v).map((part) => new Map([[key, part]]))),
    digest: (s) => new Map([...s].map(([key, v]) => [key, value.digest(v)])),
    deltaFor(s, d) {
      const delta: GMapState<S> = new Map();
      for (const [key, v] of s) {
        const theirs = d.get(key);
        const missing = theirs === undefined ? value.clone(v) : value.deltaFor(v, theirs);
        if (!isBottom(missing)) delta.set(key, missing);
      }
      return delta;
    },
    encode: (s, w) => writeMap(w, s, (v, w) => value.encode(v, w)),
    decode: (r) =>
      readMap(
        r,
        (r) => value.decode(r),
        (v) => {
          if (isBottom(v)) r.fail('bottom value stored in a gmap');
        },
      ),
    encodeDigest: (d, w) => writeMap(w, d, (v, w) => value.encodeDigest(v, w)),
    decodeDigest: (r) => readMap(r, (r) => value.decodeDigest(r)),
  };
  return type;
}
