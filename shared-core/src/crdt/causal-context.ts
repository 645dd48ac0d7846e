import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import type { ReplicaId } from './crdt-type.js';
import type { Dot, ReplicaIndex } from './dot.js';

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byNumber = (a: number, b: number): number => a - b;

/**
 * The set of dots a causal state has seen (Almeida et al.'s causal context), compressed: per replica
 * the largest n such that dots 1..n are all present, plus a cloud of the dots above n + 1.
 *
 * Canonical form, kept by every mutator: no zero vector entry, no empty cloud, and every cloud
 * counter is above n + 1 (dot n + 1 itself is never in the cloud: it would extend the vector). So
 * equal sets have equal representations, and `leq` can compare vector entries directly.
 */
export class CausalContext {
  private readonly vector = new Map<ReplicaId, number>();
  private readonly cloud = new Map<ReplicaId, Set<number>>();

  static of(dots: Iterable<Dot>): CausalContext {
    const cc = new CausalContext();
    for (const d of dots) cc.insert(d.replica, d.counter);
    return cc;
  }

  /** Replica → largest n with dots 1..n all present. */
  get ranges(): ReadonlyMap<ReplicaId, number> {
    return this.vector;
  }

  /** Replica → the present dots above its range (never n + 1). */
  get clouds(): ReadonlyMap<ReplicaId, ReadonlySet<number>> {
    return this.cloud;
  }

  isEmpty(): boolean {
    return this.vector.size === 0 && this.cloud.size === 0;
  }

  contiguous(replica: ReplicaId): number {
    return this.vector.get(replica) ?? 0;
  }

  contains(replica: ReplicaId, counter: number): boolean {
    if (counter < 1) return false;
    return (
      counter <= (this.vector.get(replica) ?? 0) || (this.cloud.get(replica)?.has(counter) ?? false)
    );
  }

  has(d: Dot): boolean {
    return this.contains(d.replica, d.counter);
  }

  /** The highest counter of `replica` seen, 0 if none. */
  max(replica: ReplicaId): number {
    let n = this.vector.get(replica) ?? 0;
    const cloud = this.cloud.get(replica);
    if (cloud) for (const c of cloud) if (c > n) n = c;
    return n;
  }

  /** A dot `replica` has not used: counters only grow, so none is reused while the state is kept. */
  next(replica: ReplicaId): Dot {
    return { replica, counter: this.max(replica) + 1 };
  }

  /** Adds one dot; returns whether it was new. */
  insert(replica: ReplicaId, counter: number): boolean {
    const n = this.vector.get(replica) ?? 0;
    if (counter <= n) return false;
    let cloud = this.cloud.get(replica);
    if (counter === n + 1) {
      let m = counter;
      if (cloud) {
        while (cloud.delete(m + 1)) m++;
        if (cloud.size === 0) this.cloud.delete(replica);
      }
      this.vector.set(replica, m);
      return true;
    }
    if (!cloud) this.cloud.set(replica, (cloud = new Set()));
    else if (cloud.has(counter)) return false;
    cloud.add(counter);
    return true;
  }

  add(d: Dot): boolean {
    return this.insert(d.replica, d.counter);
  }

  /** Joins `other` in; returns whether any dot was new. */
  merge(other: CausalContext): boolean {
    let grew = false;
    for (const [replica, n] of other.vector) {
      if (n <= (this.vector.get(replica) ?? 0)) continue;
      // Dot (old n + 1) is new: canonical form keeps it out of our cloud.
      grew = true;
      this.vector.set(replica, n);
      this.compact(replica);
    }
    for (const [replica, counters] of other.cloud) {
      for (const c of counters) if (this.insert(replica, c)) grew = true;
    }
    return grew;
  }

  private compact(replica: ReplicaId): void {
    const cloud = this.cloud.get(replica);
    if (!cloud) return;
    let n = this.vector.get(replica) ?? 0;
    for (const c of cloud) if (c <= n) cloud.delete(c);
    while (cloud.delete(n + 1)) n++;
    this.vector.set(replica, n);
    if (cloud.size === 0) this.cloud.delete(replica);
  }

  /** Whether every dot here is in `other`. */
  leq(other: CausalContext): boolean {
    for (const [replica, n] of this.vector) if (n > other.contiguous(replica)) return false;
    for (const [replica, counters] of this.cloud) {
      for (const c of counters) if (!other.contains(replica, c)) return false;
    }
    return true;
  }

  equals(other: CausalContext): boolean {
    if (this.vector.size !== other.vector.size || this.cloud.size !== other.cloud.size) {
      return false;
    }
    for (const [replica, n] of this.vector) if (other.vector.get(replica) !== n) return false;
    for (const [replica, counters] of this.cloud) {
      const theirs = other.cloud.get(replica);
      if (theirs?.size !== counters.size) return false;
      for (const c of counters) if (!theirs.has(c)) return false;
    }
    return true;
  }

  clone(): CausalContext {
    const cc = new CausalContext();
    for (const [replica, n] of this.vector) cc.vector.set(replica, n);
    for (const [replica, counters] of this.cloud) cc.cloud.set(replica, new Set(counters));
    return cc;
  }

  /** The replicas with at least one dot. */
  replicas(): Set<ReplicaId> {
    return new Set([...this.vector.keys(), ...this.cloud.keys()]);
  }

  /** The dots of one replica, as a context of their own. */
  project(replica: ReplicaId): CausalContext {
    const cc = new CausalContext();
    const n = this.vector.get(replica);
    if (n !== undefined) cc.vector.set(replica, n);
    const counters = this.cloud.get(replica);
    if (counters) cc.cloud.set(replica, new Set(counters));
    return cc;
  }

  /**
   * The dots here that are not in `other`. Costs `minusCost` per replica plus `other`'s cloud:
   * a range stays a range up to `other`'s first dot, and every dot above it is visited.
   */
  minus(other: CausalContext): CausalContext {
    const cc = new CausalContext();
    for (const [replica, n] of this.vector) {
      const { prefix, from } = this.minusStart(other, replica);
      if (prefix > 0) cc.vector.set(replica, prefix);
      const theirs = other.cloud.get(replica);
      for (let c = from; c <= n; c++) if (!theirs?.has(c)) cc.insert(replica, c);
    }
    for (const [replica, counters] of this.cloud) {
      for (const c of counters) if (!other.contains(replica, c)) cc.insert(replica, c);
    }
    return cc;
  }

  /** How many dots `this.minus(other)` visits for one replica, so callers can avoid long ones. */
  minusCost(other: CausalContext, replica: ReplicaId): number {
    const n = this.vector.get(replica) ?? 0;
    const { from } = this.minusStart(other, replica);
    return Math.max(0, n - from + 1) + (this.cloud.get(replica)?.size ?? 0);
  }

  /** Our range below `other`'s first dot of `replica` survives whole; the rest is visited from `from`. */
  private minusStart(other: CausalContext, replica: ReplicaId): { prefix: number; from: number } {
    const n = this.vector.get(replica) ?? 0;
    const covered = other.contiguous(replica);
    if (covered > 0) return { prefix: 0, from: covered + 1 };
    let first = n + 1;
    for (const c of other.cloud.get(replica) ?? []) if (c < first) first = c;
    return { prefix: first - 1, from: first + 1 };
  }

  /**
   * Writes the context and returns its replica table, which stores write dots against. Layout: the
   * number of replicas, then per replica in id order its id, a header (cloud size × 2, + 1 when it
   * has a range), the range's end if any, and the cloud as gaps between ascending counters.
   */
  write(w: ByteWriter): ReplicaIndex {
    const ids = this.sortedIds();
    const table = new ReplicaTable(this);
    w.uint(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const replica = ids[i] as ReplicaId;
      table.set(replica, i);
      const n = this.vector.get(replica) ?? 0;
      const cloud = this.cloud.get(replica);
      w.string(replica);
      w.uint((cloud === undefined ? 0 : 2 * cloud.size) + (n > 0 ? 1 : 0));
      if (n > 0) w.uint(n);
      if (cloud === undefined) continue;
      let prev = n;
      for (const c of cloud.size === 1 ? cloud : [...cloud].sort(byNumber)) {
        w.uint(c - prev - 1);
        prev = c;
      }
    }
    return table;
  }

  private sortedIds(): ReplicaId[] {
    const ids: ReplicaId[] = [];
    for (const id of this.vector.keys()) ids.push(id);
    for (const id of this.cloud.keys()) if (!this.vector.has(id)) ids.push(id);
    return ids.length > 1 ? ids.sort(byId) : ids;
  }

  static read(r: ByteReader): { context: CausalContext; replicas: ReplicaId[] } {
    const cc = new CausalContext();
    const replicas: ReplicaId[] = [];
    const k = r.count(2);
    for (let i = 0; i < k; i++) {
      const replica = r.string();
      const before = replicas[i - 1];
      if (before !== undefined && replica <= before) r.fail(`replica ${replica} out of order`);
      replicas.push(replica);
      const header = r.uint();
      if (header === 0) r.fail(`no dots of replica ${replica}`);
      let prev = 0;
      if (header % 2 === 1) {
        prev = r.uint();
        if (prev === 0) r.fail(`empty range of replica ${replica}`);
        cc.vector.set(replica, prev);
      }
      // Each counter takes a byte, so a corrupt cloud size runs out of input, not of memory.
      for (let j = Math.floor(header / 2); j > 0; j--) {
        const c = prev + r.uint() + 1;
        if (!Number.isSafeInteger(c)) r.fail('counter out of range');
        cc.insert(replica, c);
        prev = c;
      }
    }
    return { context: cc, replicas };
  }
}

/** The table `write` returns: replica id → its index in the written order, and the context. */
class ReplicaTable extends Map<ReplicaId, number> implements ReplicaIndex {
  constructor(readonly context: CausalContext) {
    super();
  }
}
