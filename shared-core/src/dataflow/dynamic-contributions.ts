import { z } from 'zod';
import type { CrdtType, ReplicaId } from '../crdt/crdt-type.js';
import { readReplicaCounts, writeReplicaCounts } from '../crdt/replica-counts.js';
import { valueSchema } from '../crdt/value-schema.js';
import { byKey, compareValues, type Value } from '../values/value.js';
import { readValue, writeValue } from '../values/value-codec.js';
import type { AggregateKind } from './aggregates/aggregate.js';
import { ExactSum } from './aggregates/exact-sum.js';

/**
 * What fold_dynamic replicates: each replica's latest value of a dynamic variable, under its own
 * key. Only the owner writes its entry and numbers each write, so the higher version wins the join.
 */
export type ContributionsState = Map<ReplicaId, { version: number; value: Value }>;
export type ContributionsOp = { op: 'publish'; value: Value };

const opSchema: z.ZodType<ContributionsOp> = z.object({
  op: z.literal('publish'),
  value: valueSchema,
});

const versions = (s: ContributionsState) =>
  new Map([...s].map(([replica, entry]) => [replica, entry.version]));

/** The contributions of every replica, combined by `aggregate` when queried. */
export function createContributions(
  aggregate: AggregateKind,
  k = 1,
): CrdtType<ContributionsState, ContributionsOp, Value, Map<ReplicaId, number>> {
  const type: CrdtType<ContributionsState, ContributionsOp, Value, Map<ReplicaId, number>> = {
    name: `fold_dynamic(${aggregate})`,
    opSchema,
    bottom: () => new Map(),
    clone: (s) => new Map(s),
    mergeInto(target, delta) {
      let grew = false;
      for (const [replica, entry] of delta) {
        const mine = target.get(replica);
        if (!mine || entry.version > mine.version) {
          target.set(replica, entry);
          grew = true;
        }
      }
      return grew;
    },
    leq(a, b) {
      for (const [replica, entry] of a)
        if (entry.version > (b.get(replica)?.version ?? 0)) return false;
      return true;
    },
    equals: (a, b) => type.leq(a, b) && type.leq(b, a),
    query: (s) =>
      combine(
        aggregate,
        k,
        [...s.values()].map((e) => e.value),
      ),
    mutate: (s, op, replica) =>
      new Map([[replica, { version: (s.get(replica)?.version ?? 0) + 1, value: op.value }]]),
    decompose: (s) => [...s].map((entry) => new Map([entry])),
    digest: versions,
    deltaFor: (s, d) => new Map([...s].filter(([replica, e]) => e.version > (d.get(replica) ?? 0))),
    encode(s, w) {
      writeReplicaCounts(w, versions(s));
      for (const replica of [...s.keys()].sort())
        writeValue(w, (s.get(replica) as { value: Value }).value);
    },
    decode(r) {
      const counts = readReplicaCounts(r);
      const s: ContributionsState = new Map();
      // Values follow in replica order, as `encode` writes them.
      for (const [replica, version] of [...counts].sort(byKey)) {
        if (version === 0) r.fail('contribution version must be positive');
        s.set(replica, { version, value: readValue(r) });
      }
      return s;
    },
    encodeDigest: (d, w) => writeReplicaCounts(w, d),
    decodeDigest: (r) => readReplicaCounts(r),
  };
  return type;
}

function combine(aggregate: AggregateKind, k: number, values: Value[]): Value {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  switch (aggregate) {
    case 'count':
      return values.filter((v) => v !== null).length;
    case 'sum': {
      const sum = new ExactSum();
      for (const n of numbers) sum.add(n);
      return sum.value();
    }
    case 'min':
      return numbers.length ? Math.min(...numbers) : null;
    case 'max':
      return numbers.length ? Math.max(...numbers) : null;
    case 'topk': {
      const best = new Map<string, number>();
      for (const v of values) {
        if (!Array.isArray(v)) continue;
        for (const item of v) {
          if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
          const { key, score } = item as { key?: Value; score?: Value };
          if (
            typeof key === 'string' &&
            typeof score === 'number' &&
            score > (best.get(key) ?? -Infinity)
          ) {
            best.set(key, score);
          }
        }
      }
      return [...best]
        .sort(([ka, sa], [kb, sb]) => (sa !== sb ? sb - sa : compareValues(ka, kb)))
        .slice(0, k)
        .map(([key, score]) => ({ key, score }));
    }
  }
}
