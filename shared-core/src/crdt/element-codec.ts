import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import { byKey, valueKey, type Value } from '../values/value.js';
import { readValue, writeValue } from '../values/value-codec.js';

// Sets of elements keyed by valueKey, as the set types store them. Written sorted by key, so equal
// sets encode to equal bytes; read back with the keys recomputed, so bytes cannot lie about them.

export function writeElements(w: ByteWriter, elements: Iterable<[string, Value]>): void {
  const sorted = [...elements].sort(byKey);
  w.uint(sorted.length);
  for (const [, value] of sorted) writeValue(w, value);
}

/** Reads a list of elements into `into`, rejecting one already there (duplicates are malformed). */
export function readElements(r: ByteReader, into: Map<string, Value>): void {
  const n = r.count(1);
  for (let i = 0; i < n; i++) {
    const value = readValue(r);
    const key = valueKey(value);
    if (into.has(key)) r.fail('duplicate element');
    into.set(key, value);
  }
}

export function writeKeys(w: ByteWriter, keys: Iterable<string>): void {
  const sorted = [...keys].sort();
  w.uint(sorted.length);
  for (const key of sorted) w.string(key);
}

export function readKeys(r: ByteReader, into: Set<string>): void {
  const n = r.count(1);
  for (let i = 0; i < n; i++) {
    const key = r.string();
    if (into.has(key)) r.fail('duplicate key');
    into.add(key);
  }
}
