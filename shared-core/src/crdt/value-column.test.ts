import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../encoding/byte-reader.js';
import { ByteWriter } from '../encoding/byte-writer.js';
import { DecodeError } from '../encoding/decode-error.js';
import type { Value } from '../values/value.js';
import { readValueColumn, writeValueColumn } from './value-column.js';

function encode(values: Value[]): Uint8Array {
  const w = new ByteWriter();
  writeValueColumn(w, values);
  return w.finish();
}

function decode(bytes: Uint8Array, n: number): Value[] {
  const r = new ByteReader(bytes);
  const values = readValueColumn(r, n);
  r.end();
  return values;
}

const lists: fc.Arbitrary<Value[]> = fc.oneof(
  // writeValue itself takes integers up to 2^52 in magnitude.
  fc.array(fc.integer({ min: -(2 ** 52 - 1), max: 2 ** 52 - 1 })),
  fc.array(fc.integer({ min: -5, max: 5 })),
  fc.array(fc.string({ unit: 'grapheme', maxLength: 40 })),
  fc.array(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Value>),
);

/** The string column as first written, one TextEncoder call per string, which the ASCII path keeps. */
function referenceStrings(values: string[]): Uint8Array {
  const w = new ByteWriter();
  if (values.length === 0) return w.finish();
  w.byte(2);
  let prev: Uint8Array = new Uint8Array(0);
  for (const v of values) {
    const bytes = new TextEncoder().encode(v);
    let shared = 0;
    while (shared < Math.min(prev.length, bytes.length) && prev[shared] === bytes[shared]) shared++;
    const rest = bytes.length - shared;
    w.uint((prev.length - shared) * 16 + Math.min(rest, 15));
    if (rest >= 15) w.uint(rest - 15);
    for (const b of bytes.subarray(shared)) w.byte(b);
    prev = bytes;
  }
  return w.finish();
}

// Mostly ASCII with shared prefixes, sometimes not, so both paths follow each other.
const mixedStrings = fc.array(
  fc.oneof(
    fc.constantFrom('', 'item-1', 'item-12', 'itém-1', 'ité', '\uFEFFa', '\uFEFFb', 'k'.repeat(40)),
    fc.string({ unit: fc.constantFrom('a', 'b', 'é', '€', '😀', '\uFEFF'), maxLength: 20 }),
    fc.string({ maxLength: 20 }),
  ),
  { maxLength: 12 },
);

describe('value column', () => {
  it('round-trips any list of values, and a cut list is a DecodeError', () => {
    fc.assert(
      fc.property(lists, fc.nat(), (values, cut) => {
        const bytes = encode(values);
        expect(decode(bytes, values.length)).toEqual(values);
        if (bytes.length > 0) {
          const short = bytes.subarray(0, cut % bytes.length);
          expect(() => decode(short, values.length)).toThrow(DecodeError);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('writes ids in sequence in a byte each and names in sequence in about two', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => 5000 + i);
    expect(encode(ids).length).toBeLessThanOrEqual(1000 + 4);
    const names = Array.from({ length: 1000 }, (_, i) => `item-${i}`);
    expect(encode(names).length).toBeLessThan(2.3 * 1000);
    expect(encode(['é', 'éa', 'ü'])).toEqual(encode(['é', 'éa', 'ü']));
    expect(decode(encode(['é', 'éa', 'ü', '']), 4)).toEqual(['é', 'éa', 'ü', '']);
  });

  it('falls back to value by value for mixed lists and integers whose deltas overflow', () => {
    const mixed: Value[] = [1, 'a', null, [2]];
    expect(decode(encode(mixed), 4)).toEqual(mixed);
    const far = [2 ** 52 - 1, -(2 ** 52 - 1)];
    expect(decode(encode(far), 2)).toEqual(far);
  });

  it('writes strings, ASCII or not, as the one-encoder-call form, and reads them back', () => {
    fc.assert(
      fc.property(mixedStrings, (values) => {
        const bytes = encode(values);
        expect(bytes).toEqual(referenceStrings(values));
        expect(decode(bytes, values.length)).toEqual(values);
      }),
      { numRuns: 500, seed: 42 },
    );
    expect(decode(encode(['\uFEFF', '\uFEFFx']), 2)).toEqual(['\uFEFF', '\uFEFFx']);
  });

  it('rejects invalid UTF-8 and a drop longer than the previous string', () => {
    expect(() => decode(new Uint8Array([2, 1, 0xff]), 1)).toThrow(DecodeError);
    expect(() => decode(new Uint8Array([2, 16 * 3]), 1)).toThrow(DecodeError);
  });
});
