import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import type { Value } from '../values/value.js';
import { readValue, writeValue } from '../values/value-codec.js';

// A list of values written as one column, in the form that suits them (as columnar formats such
// as Automerge's do): integers as deltas from the previous one, strings as how many bytes to drop
// from the end of the previous one and what to append, anything else value by value. Sets of ids or
// of names added in sequence then cost one or two bytes per element. The form depends only on
// the values, so equal lists give equal bytes; every value costs at least one byte.

const enum Kind {
  Values = 0,
  Integers = 1,
  Strings = 2,
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Zigzag coding doubles a delta, which must stay a safe integer. */
const MAX_DELTA = 2 ** 52 - 1;
/** Suffix lengths below this share the header varint with the prefix length. */
const SHORT = 15;

function kindOf(values: readonly Value[]): Kind {
  if (values.every((v) => typeof v === 'string')) return Kind.Strings;
  let prev = 0;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || Math.abs(v - prev) > MAX_DELTA) {
      return Kind.Values;
    }
    prev = v;
  }
  return Kind.Integers;
}

export function writeValueColumn(w: ByteWriter, values: readonly Value[]): void {
  if (values.length === 0) return;
  const kind = kindOf(values);
  w.byte(kind);
  if (kind === Kind.Integers) {
    let prev = 0;
    for (const v of values as readonly number[]) {
      w.int(v - prev);
      prev = v;
    }
  } else if (kind === Kind.Strings) {
    let prev: Uint8Array = new Uint8Array(0);
    for (const v of values as readonly string[]) {
      const bytes = utf8.encode(v);
      let shared = 0;
      const max = Math.min(prev.length, bytes.length);
      while (shared < max && prev[shared] === bytes[shared]) shared++;
      const rest = bytes.length - shared;
      w.uint((prev.length - shared) * (SHORT + 1) + Math.min(rest, SHORT));
      if (rest >= SHORT) w.uint(rest - SHORT);
      for (let i = shared; i < bytes.length; i++) w.byte(bytes[i] as number);
      prev = bytes;
    }
  } else {
    for (const v of values) writeValue(w, v);
  }
}

/** Reads `n` values (none written for none); the caller checks `n` against the input's size. */
export function readValueColumn(r: ByteReader, n: number): Value[] {
  const values: Value[] = [];
  if (n === 0) return values;
  const kind = r.byte();
  if (kind === Kind.Integers) {
    let prev = 0;
    for (let i = 0; i < n; i++) {
      prev += r.int();
      if (!Number.isSafeInteger(prev)) r.fail('integer out of range');
      values.push(prev);
    }
  } else if (kind === Kind.Strings) {
    let prev: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < n; i++) {
      const header = r.uint();
      const dropped = Math.floor(header / (SHORT + 1));
      let rest = header % (SHORT + 1);
      if (rest === SHORT) rest += r.count(1);
      if (dropped > prev.length) r.fail('dropped more bytes than the previous string has');
      const shared = prev.length - dropped;
      const bytes = new Uint8Array(shared + rest);
      bytes.set(prev.subarray(0, shared));
      for (let j = shared; j < bytes.length; j++) bytes[j] = r.byte();
      try {
        values.push(strictUtf8.decode(bytes));
      } catch {
        r.fail('invalid UTF-8');
      }
      prev = bytes;
    }
  } else if (kind === Kind.Values) {
    for (let i = 0; i < n; i++) values.push(readValue(r));
  } else {
    r.fail(`unknown column kind ${kind}`);
  }
  return values;
}
