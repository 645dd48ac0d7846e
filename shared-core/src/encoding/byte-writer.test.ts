import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader } from './byte-reader.js';
import { ByteWriter } from './byte-writer.js';

const params = { numRuns: 300, seed: 42 };

/** LEB128 of `n` padded to the width a string of `units` UTF-16 units reserves for its length. */
function paddedLength(n: number, units: number): number[] {
  const max = units * 3;
  const width = max < 0x80 ? 1 : max < 0x4000 ? 2 : max < 0x200000 ? 3 : 5;
  return Array.from({ length: width }, (_, i) => {
    const digit = Math.floor(n / 0x80 ** i) % 0x80;
    return i === width - 1 ? digit : digit | 0x80;
  });
}

function leb128(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

const strings = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    '',
    'replica-a',
    'é',
    'x'.repeat(63) + 'é',
    'z'.repeat(64),
    'y'.repeat(65),
    '\u007f\u0080',
  ),
);

describe('ByteWriter', () => {
  it('writes a string as its padded UTF-8 length and TextEncoder bytes, ASCII or not', () => {
    fc.assert(
      fc.property(fc.array(strings, { maxLength: 4 }), (values) => {
        const w = new ByteWriter();
        for (const v of values) w.string(v);
        const expected = values.flatMap((v) => {
          const bytes = [...new TextEncoder().encode(v)];
          return [...paddedLength(bytes.length, v.length), ...bytes];
        });
        expect([...w.finish()]).toEqual(expected);
      }),
      params,
    );
  });

  it('writes unsigned and zigzag integers as minimal LEB128, and rejects what they cannot hold', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeNat(), { maxLength: 6 }), fc.maxSafeInteger(), (ns, z) => {
        const w = new ByteWriter();
        for (const n of ns) w.uint(n);
        w.int(Math.trunc(z / 2));
        const bytes = w.finish();
        expect([...bytes]).toEqual([...ns.flatMap(leb128), ...leb128(zigzag(Math.trunc(z / 2)))]);
        const r = new ByteReader(bytes);
        expect(ns.map(() => r.uint())).toEqual(ns);
        expect(r.int()).toBe(Math.trunc(z / 2));
      }),
      params,
    );
    const w = new ByteWriter();
    for (const bad of [-1, 0.5, 127.5, Number.NaN, 2 ** 53]) expect(() => w.uint(bad)).toThrow();
  });

  it('never changes bytes it returned, whichever writers start or go on afterwards', () => {
    const a = new ByteWriter();
    a.string('first');
    const first = a.finish();
    const copy = [...first];
    const b = new ByteWriter();
    const c = new ByteWriter();
    b.uint(300);
    c.string('other');
    a.uint(7);
    const d = new ByteWriter();
    d.byte(0xaa);
    expect([...first]).toEqual(copy);
    expect([...a.finish()]).toEqual([...copy, 7]);
    for (let i = 0; i < 5000; i++) b.byte(i);
    const e = new ByteWriter();
    e.byte(0xbb);
    expect([...first]).toEqual(copy);
    const fromB = b.finish();
    expect(fromB.length).toBe(5002);
    expect([...fromB.subarray(0, 4)]).toEqual([...leb128(300), 0, 1]);
    expect([...c.finish()]).toEqual([5, ...new TextEncoder().encode('other')]);
    expect([...d.finish()]).toEqual([0xaa]);
    expect([...e.finish()]).toEqual([0xbb]);
  });
});

function zigzag(n: number): number {
  return n >= 0 ? 2 * n : -2 * n - 1;
}

describe('ByteReader.string', () => {
  it('keeps a leading U+FEFF, which is text and not a byte-order mark', () => {
    const w = new ByteWriter();
    w.string('\uFEFFhello');
    expect(new ByteReader(w.finish()).string()).toBe('\uFEFFhello');
  });
});
