import { z } from 'zod';
import { CausalContext } from './causal-context.js';
import { causalCrdtType } from './causal-crdt.js';
import type { CausalCrdtType, CausalValueType, DotStore } from './causal-type.js';

/**
 * Add-wins map from string keys to causal values (Almeida et al.'s ORMap; Lasp's state_awmap).
 * Values keep their dot stores under the map's one causal context. Removing a key sends the
 * context of the dots it has seen there, so an update concurrent with the removal survives it
 * (the key stays, holding that update's effect). A key is present while its value's store holds
 * a dot; a value whose store is empty (a disabled ewflag, an emptied awset, an enabled dwflag)
 * is no key at all, as in Lasp.
 */
export type AwMapStore<T> = Map<string, T>;
export type AwMapOp<Op> = { op: 'apply'; key: string; inner: Op } | { op: 'remove'; key: string };

export function createAwMap<T, Op extends { op: string }, Q>(
  value: CausalValueType<T, Op, Q>,
): CausalCrdtType<AwMapStore<T>, AwMapOp<Op>, Record<string, Q>> {
  const inner = value.dotStore;
  const opSchema: z.ZodType<AwMapOp<Op>> = z.discriminatedUnion('op', [
    z.object({ op: z.literal('apply'), key: z.string(), inner: value.opSchema }),
    z.object({ op: z.literal('remove'), key: z.string() }),
  ]);

  const store: DotStore<AwMapStore<T>, AwMapOp<Op>, Record<string, Q>> = {
    empty: () => new Map(),
    isEmpty: (m) => m.size === 0,
    clone: (m) => new Map([...m].map(([k, v]) => [k, inner.clone(v)])),
    equals(a, b) {
      if (a.size !== b.size) return false;
      for (const [k, v] of a) {
        const other = b.get(k);
        if (other === undefined || !inner.equals(v, other)) return false;
      }
      return true;
    },
    forEachDot(m, f) {
      for (const v of m.values()) inner.forEachDot(v, f);
    },
    joinInto(target, targetCc, delta, deltaCc) {
      let changed = false;
      for (const [k, d] of delta) {
        const t = target.get(k) ?? inner.empty();
        if (inner.joinInto(t, targetCc, d, deltaCc)) changed = true;
        if (inner.isEmpty(t)) target.delete(k);
        else target.set(k, t);
      }
      if (deltaCc.isEmpty()) return changed;
      // The delta's context may remove dots under keys its store does not name (a removal).
      // That costs a pass over the map; awset keeps an index to avoid it, maps need not yet.
      const nothing = inner.empty();
      for (const [k, t] of target) {
        if (delta.has(k) || !inner.joinInto(t, targetCc, nothing, deltaCc)) continue;
        changed = true;
        if (inner.isEmpty(t)) target.delete(k);
      }
      return changed;
    },
    query: (m) =>
      Object.fromEntries([...m.keys()].sort().map((k) => [k, inner.query(m.get(k) as T)])),
    mutate(m, cc, op, replica) {
      const current = m.get(op.key);
      if (op.op === 'remove') {
        const seen = new CausalContext();
        if (current !== undefined) inner.forEachDot(current, (r, c) => seen.insert(r, c));
        return { store: new Map(), cc: seen };
      }
      const d = inner.mutate(current ?? inner.empty(), cc, op.inner, replica);
      return { store: inner.isEmpty(d.store) ? new Map() : new Map([[op.key, d.store]]), cc: d.cc };
    },
    restrict(m, keep) {
      const out: AwMapStore<T> = new Map();
      for (const [k, v] of m) {
        const kept = inner.restrict(v, keep);
        if (!inner.isEmpty(kept)) out.set(k, kept);
      }
      return out;
    },
    split: (m) => [...m].flatMap(([k, v]) => inner.split(v).map((part) => new Map([[k, part]]))),
    write(w, m, replicas) {
      const keys = [...m.keys()].sort();
      w.uint(keys.length);
      for (const k of keys) {
        w.string(k);
        inner.write(w, m.get(k) as T, replicas);
      }
    },
    read(r, replicas, cc) {
      const m: AwMapStore<T> = new Map();
      const n = r.count(2);
      let prev: string | undefined;
      for (let i = 0; i < n; i++) {
        const k = r.string();
        if (prev !== undefined && k <= prev) r.fail('keys out of order');
        prev = k;
        const v = inner.read(r, replicas, cc);
        if (inner.isEmpty(v)) r.fail(`empty value under key ${k}`);
        m.set(k, v);
      }
      return m;
    },
  };
  return causalCrdtType('awmap', opSchema, store);
}
