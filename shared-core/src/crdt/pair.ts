import { z } from 'zod';
import type { CrdtType } from './crdt-type.js';

/** Product of two lattices (Lasp's state_pair): each side merges on its own. */
export interface PairState<A, B> {
  fst: A;
  snd: B;
}
export type PairOp<OA, OB> = { op: 'fst'; inner: OA } | { op: 'snd'; inner: OB };

export interface PairType<
  A,
  OA extends { op: string },
  QA,
  DA,
  B,
  OB extends { op: string },
  QB,
  DB,
> extends CrdtType<PairState<A, B>, PairOp<OA, OB>, [QA, QB], PairState<DA, DB>> {
  readonly fst: CrdtType<A, OA, QA, DA>;
  readonly snd: CrdtType<B, OB, QB, DB>;
}

export function createPair<
  A,
  OA extends { op: string },
  QA,
  DA,
  B,
  OB extends { op: string },
  QB,
  DB,
>(
  fst: CrdtType<A, OA, QA, DA>,
  snd: CrdtType<B, OB, QB, DB>,
): PairType<A, OA, QA, DA, B, OB, QB, DB> {
  const opSchema: z.ZodType<PairOp<OA, OB>> = z.discriminatedUnion('op', [
    z.object({ op: z.literal('fst'), inner: fst.opSchema }),
    z.object({ op: z.literal('snd'), inner: snd.opSchema }),
  ]);
  const type: PairType<A, OA, QA, DA, B, OB, QB, DB> = {
    name: 'pair',
    fst,
    snd,
    opSchema,
    bottom: () => ({ fst: fst.bottom(), snd: snd.bottom() }),
    clone: (s) => ({ fst: fst.clone(s.fst), snd: snd.clone(s.snd) }),
    mergeInto(target, delta) {
      const grewFst = fst.mergeInto(target.fst, delta.fst);
      const grewSnd = snd.mergeInto(target.snd, delta.snd);
      return grewFst || grewSnd;
    },
    leq: (a, b) => fst.leq(a.fst, b.fst) && snd.leq(a.snd, b.snd),
    equals: (a, b) => fst.equals(a.fst, b.fst) && snd.equals(a.snd, b.snd),
    query: (s) => [fst.query(s.fst), snd.query(s.snd)],
    mutate: (s, op, replica) =>
      op.op === 'fst'
        ? { fst: fst.mutate(s.fst, op.inner, replica), snd: snd.bottom() }
        : { fst: fst.bottom(), snd: snd.mutate(s.snd, op.inner, replica) },
    decompose: (s) => [
      ...fst.decompose(s.fst).map((part) => ({ fst: part, snd: snd.bottom() })),
      ...snd.decompose(s.snd).map((part) => ({ fst: fst.bottom(), snd: part })),
    ],
    digest: (s) => ({ fst: fst.digest(s.fst), snd: snd.digest(s.snd) }),
    deltaFor: (s, d) => ({ fst: fst.deltaFor(s.fst, d.fst), snd: snd.deltaFor(s.snd, d.snd) }),
    encode(s, w) {
      fst.encode(s.fst, w);
      snd.encode(s.snd, w);
    },
    decode: (r) => ({ fst: fst.decode(r), snd: snd.decode(r) }),
    encodeDigest(d, w) {
      fst.encodeDigest(d.fst, w);
      snd.encodeDigest(d.snd, w);
    },
    decodeDigest: (r) => ({ fst: fst.decodeDigest(r), snd: snd.decodeDigest(r) }),
  };
  return type;
}
