import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../encoding/byte-reader.js';
import { ByteWriter } from '../encoding/byte-writer.js';
import { OpError, type CrdtType, type DigestCodec } from '../crdt/crdt-type.js';
import { decodeDigest, decodeState, encodeDigest, encodeState, join, lt } from '../crdt/lattice.js';

const REPLICAS = ['r1', 'r2', 'r3'];

type Step<Op> = { replica: number } & ({ kind: 'op'; op: Op } | { kind: 'merge'; from: number });

/** Applies `op` unless its precondition fails, in which case the state is left as it was. */
function tryUpdate<S, Op extends { op: string }>(
  type: CrdtType<S, Op>,
  s: S,
  op: Op,
  replica: string,
): void {
  try {
    type.mergeInto(s, type.mutate(s, op, replica));
  } catch (error) {
    if (!(error instanceof OpError)) throw error;
  }
}

/**
 * Reachable states: three replicas apply random ops and merge each other at random, the way a
 * running system produces states. Returns the three final states.
 */
export function arbitraryStates<S, Op extends { op: string }>(
  type: CrdtType<S, Op>,
  op: fc.Arbitrary<Op>,
  maxSteps = 25,
): fc.Arbitrary<S[]> {
  const step: fc.Arbitrary<Step<Op>> = fc.oneof(
    fc.record({ replica: fc.nat(2), kind: fc.constant('op' as const), op }),
    fc.record({ replica: fc.nat(2), kind: fc.constant('merge' as const), from: fc.nat(2) }),
  );
  return fc.array(step, { maxLength: maxSteps }).map((steps) => {
    const states = REPLICAS.map(() => type.bottom());
    for (const s of steps) {
      const target = states[s.replica] as S;
      if (s.kind === 'op') tryUpdate(type, target, s.op, REPLICAS[s.replica] as string);
      else type.mergeInto(target, states[s.from] as S);
    }
    return states;
  });
}

export interface LawOptions<S, Op extends { op: string }, Q> {
  /** Checks the effect of one op on the user-facing value, from the state before it. */
  sequentialSpec?: (before: S, op: Op, after: Q) => void;
  numRuns?: number;
}

/** Property tests of the lattice, delta, digest and encoding laws that every CRDT type must obey. */
export function describeCrdtLaws<S, Op extends { op: string }, Q, D>(
  type: CrdtType<S, Op, Q, D>,
  op: fc.Arbitrary<Op>,
  options: LawOptions<S, Op, Q> = {},
): void {
  const numRuns = options.numRuns ?? 150;
  const states = arbitraryStates(type, op);
  const eq = (a: S, b: S) => type.equals(a, b);
  const params = { numRuns, seed: 42 };

  describe(`${type.name} lattice laws`, () => {
    it('join is commutative, associative and idempotent', () => {
      fc.assert(
        fc.property(states, ([a, b, c]) => {
          const [x, y, z] = [a as S, b as S, c as S];
          expect(eq(join(type, x, y), join(type, y, x))).toBe(true);
          expect(eq(join(type, join(type, x, y), z), join(type, x, join(type, y, z)))).toBe(true);
          expect(eq(join(type, x, x), x)).toBe(true);
        }),
        params,
      );
    });

    it('order agrees with join, bottom is least, and strict order is irreflexive', () => {
      fc.assert(
        fc.property(states, ([a, b]) => {
          const [x, y] = [a as S, b as S];
          expect(type.leq(x, y)).toBe(eq(join(type, x, y), y));
          expect(type.leq(x, join(type, x, y))).toBe(true);
          expect(type.leq(type.bottom(), x)).toBe(true);
          expect(lt(type, x, x)).toBe(false);
          expect(eq(x, y)).toBe(type.leq(x, y) && type.leq(y, x));
        }),
        params,
      );
    });

    it('mergeInto reports growth exactly when the state strictly inflates', () => {
      fc.assert(
        fc.property(states, ([a, b]) => {
          const [x, y] = [a as S, b as S];
          const target = type.clone(x);
          const grew = type.mergeInto(target, y);
          expect(grew).toBe(lt(type, x, target));
          expect(type.equals(x, join(type, x, type.bottom()))).toBe(true);
        }),
        params,
      );
    });
  });

  describe(`${type.name} delta mutators`, () => {
    it('every mutator is inflationary and its delta is the whole change', () => {
      fc.assert(
        fc.property(states, op, ([a, b], o) => {
          const [s, t] = [a as S, b as S];
          let delta: S;
          try {
            delta = type.mutate(s, o, 'r1');
          } catch (error) {
            if (error instanceof OpError) return;
            throw error;
          }
          const next = join(type, s, delta);
          expect(type.leq(s, next)).toBe(true);
          // The delta carries the change to a replica that has seen s as well as to one that has not.
          expect(eq(join(type, join(type, t, s), delta), join(type, t, next))).toBe(true);
          options.sequentialSpec?.(s, o, type.query(next));
        }),
        params,
      );
    });

    it('the join of a join decomposition is the state', () => {
      fc.assert(
        fc.property(states, ([a]) => {
          const s = a as S;
          const parts = type.decompose(s);
          let joined = type.bottom();
          for (const part of parts) {
            expect(type.leq(part, s)).toBe(true);
            joined = join(type, joined, part);
          }
          expect(eq(joined, s)).toBe(true);
        }),
        params,
      );
    });

    it('delta(s, digest(t)) ⊔ t = s ⊔ t', () => {
      fc.assert(
        fc.property(states, ([a, b]) => {
          const [s, t] = [a as S, b as S];
          const digest = decodeDigestOrThrow(type, encodeDigest(type, type.digest(t)));
          const missing = type.deltaFor(s, digest);
          expect(eq(join(type, missing, t), join(type, s, t))).toBe(true);
        }),
        params,
      );
    });
  });

  describe(`${type.name} binary encoding`, () => {
    it('decode(encode(s)) = s', () => {
      fc.assert(
        fc.property(states, ([a]) => {
          const s = a as S;
          const decoded = decodeState(type, encodeState(type, s));
          expect(decoded.ok).toBe(true);
          if (decoded.ok) {
            expect(eq(decoded.value, s)).toBe(true);
            expect(type.query(decoded.value)).toEqual(type.query(s));
          }
        }),
        params,
      );
    });

    it('truncated bytes are a typed error', () => {
      fc.assert(
        fc.property(states, fc.double({ min: 0, max: 1, noNaN: true }), ([a], cut) => {
          const bytes = encodeState(type, a as S);
          const at = Math.floor(cut * (bytes.length - 1));
          const result = decodeState(type, bytes.subarray(0, at));
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.name).toBe('DecodeError');
        }),
        params,
      );
    });

    it('random bytes never throw', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
          const withVersion = new Uint8Array([1, ...bytes]);
          const result = decodeState(type, withVersion);
          if (result.ok) {
            // Whatever decodes must be a usable state.
            const w = new ByteWriter();
            type.encode(result.value, w);
            type.decode(new ByteReader(w.finish()));
          }
          expect(decodeDigest(type, withVersion)).toBeDefined();
        }),
        { numRuns: numRuns * 4, seed: 7 },
      );
    });
  });
}

function decodeDigestOrThrow<D>(type: DigestCodec<D>, bytes: Uint8Array): D {
  const result = decodeDigest(type, bytes);
  if (!result.ok) throw result.error;
  return result.value;
}
