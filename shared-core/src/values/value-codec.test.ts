import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../encoding/byte-reader.js';
import { ByteWriter } from '../encoding/byte-writer.js';
import { valueKey, type Value } from './value.js';
import { readValue, writeValue } from './value-codec.js';

const roundTrip = (v: Value): Value => {
  const w = new ByteWriter();
  writeValue(w, v);
  const r = new ByteReader(w.finish());
  const back = readValue(r);
  r.end();
  return back;
};

describe('value encoding', () => {
  it('round-trips every JSON value, including the largest safe integers', () => {
    const json = fc.jsonValue().filter((v) => !Object.is(v, -0)) as fc.Arbitrary<Value>;
    fc.assert(
      fc.property(json, (v) => {
        expect(valueKey(roundTrip(v))).toBe(valueKey(v));
      }),
      { numRuns: 300, seed: 11 },
    );
    for (const n of [
      2 ** 52,
      -(2 ** 52),
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      1e300,
      -0.5,
    ]) {
      expect(roundTrip(n)).toBe(n);
    }
  });

  it('keys equal objects equally whatever their key order', () => {
    expect(valueKey({ a: 1, b: [2, { c: 3, d: 4 }] })).toBe(
      valueKey({ b: [2, { d: 4, c: 3 }], a: 1 }),
    );
    expect(valueKey('1')).not.toBe(valueKey(1));
    expect(valueKey(['x'])).not.toBe(valueKey('["x"]'));
  });
});
