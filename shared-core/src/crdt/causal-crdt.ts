import type { ZodType } from 'zod';
import { CausalContext } from './causal-context.js';
import type { Causal, CausalCrdtType, DotStore } from './causal-type.js';
import type { ReplicaId } from './crdt-type.js';

/** The dots of a store as a context, with how many each replica has. */
function dotsOf<T>(
  ds: DotStore<T, { op: string }, unknown>,
  store: T,
  keep: (replica: ReplicaId, counter: number) => boolean = () => true,
): { dots: CausalContext; counts: Map<ReplicaId, number> } {
  const dots = new CausalContext();
  const counts = new Map<ReplicaId, number>();
  ds.forEachDot(store, (replica, counter) => {
    if (!keep(replica, counter)) return;
    dots.insert(replica, counter);
    counts.set(replica, (counts.get(replica) ?? 0) + 1);
  });
  return { dots, counts };
}

/**
 * Builds the CRDT type of a causal state (dot store + causal context) from its dot store. The join
 * is the causal join; the digest is the context.
 *
 * Where a state must tell a peer "these dots are gone", it sends a context that covers them and a
 * store that lacks them. A context must then leave out the dots the store omits but still has; when
 * leaving them out would make a long list (a range with many holes), the dots of that replica are
 * sent in the store instead. So `deltaFor` and `decompose` cost O(store + cloud), never the length
 * of a version-vector range.
 */
export function causalCrdtType<T, Op extends { op: string }, Q>(
  name: string,
  opSchema: ZodType<Op>,
  ds: DotStore<T, Op, Q>,
): CausalCrdtType<T, Op, Q> {
  return {
    name,
    opSchema,
    dotStore: ds,
    bottom: () => ({ store: ds.empty(), cc: new CausalContext() }),
    clone: (s) => ({ store: ds.clone(s.store), cc: s.cc.clone() }),
    mergeInto(target, delta) {
      const changed = ds.joinInto(target.store, target.cc, delta.store, delta.cc);
      return target.cc.merge(delta.cc) || changed;
    },
    leq(a, b) {
      if (!a.cc.leq(b.cc)) return false;
      // b may lack dots a has (b removed them), but may not hold a dot a has seen and removed.
      const { dots: kept } = dotsOf(ds, a.store);
      let ok = true;
      ds.forEachDot(b.store, (replica, counter) => {
        if (a.cc.contains(replica, counter) && !kept.contains(replica, counter)) ok = false;
      });
      return ok;
    },
    equals: (a, b) => a.cc.equals(b.cc) && ds.equals(a.store, b.store),
    query: (s) => ds.query(s.store),
    mutate: (s, op, replica) => ds.mutate(s.store, s.cc, op, replica),
    decompose(s) {
      const parts: Causal<T>[] = ds
        .split(s.store)
        .map((store) => ({ store, cc: dotsOf(ds, store).dots }));
      // What the store no longer holds, one part per replica.
      const { dots: present, counts } = dotsOf(ds, s.store);
      for (const replica of s.cc.replicas()) {
        const own = s.cc.project(replica);
        if (own.leq(present)) continue;
        if (s.cc.minusCost(present, replica) <= 2 * (counts.get(replica) ?? 0) + 1) {
          parts.push({ store: ds.empty(), cc: own.minus(present) });
        } else {
          parts.push({ store: ds.restrict(s.store, (r) => r === replica), cc: own });
        }
      }
      return parts;
    },
    digest: (s) => s.cc.clone(),
    deltaFor(s, d) {
      // Dots the peer has seen and s still has: the peer must keep them.
      const { dots: known, counts } = dotsOf(ds, s.store, (r, c) => d.contains(r, c));
      const excluded = new CausalContext();
      const resend = new Set<ReplicaId>();
      for (const [replica, k] of counts) {
        if (s.cc.minusCost(known, replica) <= 2 * k + 1) excluded.merge(known.project(replica));
        else resend.add(replica);
      }
      return {
        store: ds.restrict(s.store, (r, c) => resend.has(r) || !d.contains(r, c)),
        cc: s.cc.minus(excluded),
      };
    },
    encode: (s, w) => ds.write(w, s.store, s.cc.write(w)),
    decode(r) {
      const { context, replicas } = CausalContext.read(r);
      return { store: ds.read(r, replicas, context), cc: context };
    },
    encodeDigest: (d, w) => void d.write(w),
    decodeDigest: (r) => CausalContext.read(r).context,
  };
}
