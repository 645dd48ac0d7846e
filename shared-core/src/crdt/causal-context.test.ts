import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../encoding/byte-reader.js';
import { ByteWriter } from '../encoding/byte-writer.js';
import { DecodeError } from '../encoding/decode-error.js';
import { CausalContext } from './causal-context.js';
import { dot, type Dot } from './dot.js';

const dotArb: fc.Arbitrary<Dot> = fc
  .tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 12 }))
  .map(([r, n]) => dot(r, n));
const dotsArb = fc.array(dotArb, { maxLength: 30 });
const key = (d: Dot) => `${d.replica}:${d.counter}`;
const params = { numRuns: 300, seed: 42 };

/** The context's dots as plain strings, read through its public compressed form. */
function dotSet(cc: CausalContext): Set<string> {
  const out = new Set<string>();
  for (const [r, n] of cc.ranges) for (let c = 1; c <= n; c++) out.add(`${r}:${c}`);
  for (const [r, cloud] of cc.clouds) for (const c of cloud) out.add(`${r}:${c}`);
  return out;
}

function roundTrip(cc: CausalContext): CausalContext {
  const w = new ByteWriter();
  cc.write(w);
  const r = new ByteReader(w.finish());
  const { context } = CausalContext.read(r);
  r.end();
  return context;
}

describe('CausalContext', () => {
  it('holds exactly the dots added, in canonical compressed form', () => {
    fc.assert(
      fc.property(dotsArb, (dots) => {
        const cc = CausalContext.of(dots);
        expect(dotSet(cc)).toEqual(new Set(dots.map(key)));
        for (const [r, cloud] of cc.clouds) {
          expect(cloud.size).toBeGreaterThan(0);
          for (const c of cloud) expect(c).toBeGreaterThan(cc.contiguous(r) + 1);
        }
        for (const d of dots) expect(cc.has(d)).toBe(true);
        expect(cc.equals(CausalContext.of([...dots].reverse()))).toBe(true);
      }),
      params,
    );
  });

  it('merge is union, leq is inclusion, minus is difference', () => {
    fc.assert(
      fc.property(dotsArb, dotsArb, (xs, ys) => {
        const a = CausalContext.of(xs);
        const b = CausalContext.of(ys);
        const union = a.clone();
        const grew = union.merge(b);
        expect(dotSet(union)).toEqual(new Set([...xs, ...ys].map(key)));
        expect(grew).toBe(!b.leq(a));
        expect(a.leq(b)).toBe([...dotSet(a)].every((d) => dotSet(b).has(d)));
        expect(union.equals(CausalContext.of([...ys, ...xs]))).toBe(true);
        const diff = [...dotSet(a)].filter((d) => !dotSet(b).has(d));
        expect(dotSet(a.minus(b))).toEqual(new Set(diff));
      }),
      params,
    );
  });

  it('next gives a dot above every dot of the replica, starting at 1', () => {
    const cc = new CausalContext();
    expect(cc.next('a')).toEqual(dot('a', 1));
    cc.add(dot('a', 1));
    cc.add(dot('a', 5));
    expect(cc.next('a')).toEqual(dot('a', 6));
    expect(cc.next('b')).toEqual(dot('b', 1));
  });

  it('compacts the cloud into the range when the gap fills', () => {
    const cc = CausalContext.of([dot('a', 3), dot('a', 2), dot('a', 5)]);
    expect(cc.contiguous('a')).toBe(0);
    cc.merge(CausalContext.of([dot('a', 1)]));
    expect(cc.contiguous('a')).toBe(3);
    expect([...(cc.clouds.get('a') ?? [])]).toEqual([5]);
    cc.merge(CausalContext.of([dot('a', 1), dot('a', 2), dot('a', 3), dot('a', 4)]));
    expect(cc.contiguous('a')).toBe(5);
    expect(cc.clouds.size).toBe(0);
  });

  it('round-trips through its encoding, a range in a few bytes', () => {
    fc.assert(
      fc.property(dotsArb, (dots) => {
        const cc = CausalContext.of(dots);
        expect(roundTrip(cc).equals(cc)).toBe(true);
      }),
      params,
    );
    const big = new CausalContext();
    for (let c = 1; c <= 100_000; c++) big.insert('replica-1', c);
    const w = new ByteWriter();
    const table = big.write(w);
    expect([...table]).toEqual([['replica-1', 0]]);
    expect(table.context).toBe(big);
    expect(w.finish().length).toBeLessThan(20);
  });

  it('writes each replica once, in id order, with its range and cloud under one header', () => {
    const cc = CausalContext.of([dot('b', 1), dot('b', 2), dot('b', 5), dot('a', 3), dot('c', 1)]);
    const w = new ByteWriter();
    expect([...cc.write(w)]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    // 3 replicas; 'a': cloud {3}; 'b': range 2, cloud {5}; 'c': range 1.
    const a = [1, 97, 2, 2];
    const b = [1, 98, 3, 2, 2];
    const c = [1, 99, 1, 1];
    expect([...w.finish()]).toEqual([3, ...a, ...b, ...c]);
  });

  it('reads only replicas in strictly ascending order, each with some dots', () => {
    const read = (bytes: number[]) => CausalContext.read(new ByteReader(new Uint8Array(bytes)));
    expect(
      read([2, 1, 97, 1, 1, 1, 98, 2, 4]).context.equals(
        CausalContext.of([dot('a', 1), dot('b', 5)]),
      ),
    ).toBe(true);
    expect(() => read([2, 1, 98, 1, 1, 1, 97, 1, 1])).toThrow(DecodeError);
    expect(() => read([2, 1, 97, 1, 1, 1, 97, 1, 1])).toThrow(DecodeError);
    expect(() => read([1, 1, 97, 0])).toThrow(DecodeError);
    expect(() => read([1, 1, 97, 1, 0])).toThrow(DecodeError);
    // A cloud size far beyond the input runs out of bytes.
    expect(() => read([1, 1, 97, 0xfe, 0xff, 0xff, 0xff, 0x0f, 0])).toThrow(DecodeError);
  });

  it('minusCost bounds the work of minus, so a long range minus its first dot is not cheap', () => {
    const big = new CausalContext();
    for (let c = 1; c <= 1000; c++) big.insert('a', c);
    expect(big.minusCost(CausalContext.of([dot('a', 1)]), 'a')).toBe(999);
    expect(big.minusCost(CausalContext.of([dot('a', 1000)]), 'a')).toBe(0);
    expect(big.minus(CausalContext.of([dot('a', 1000)])).contiguous('a')).toBe(999);
  });
});
