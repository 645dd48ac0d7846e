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
// ignoreBOM: a string may start with U+FEFF, which is text here, not a byte-order mark.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
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
    writeStrings(w, values as readonly string[]);
  } else {
    for (const v of values) writeValue(w, v);
  }
}

function writeStrings(w: ByteWriter, values: readonly string[]): void {
  let prev = '';
  // The previous string's UTF-8, or undefined while it is ASCII: its code units are then its
  // bytes, and an ASCII string sharing a prefix with it is written without encoding either.
  let prevBytes: Uint8Array | undefined;
  for (const v of values) {
    if (prevBytes === undefined) {
      let shared = 0;
      const max = Math.min(prev.length, v.length);
      while (shared < max && prev.charCodeAt(shared) === v.charCodeAt(shared)) shared++;
      let ascii = true;
      for (let i = shared; i < v.length && ascii; i++) ascii = v.charCodeAt(i) < 0x80;
      if (ascii) {
        writeEdit(w, prev.length - shared, v.length - shared);
        for (let i = shared; i < v.length; i++) w.byte(v.charCodeAt(i));
        prev = v;
        continue;
      }
    }
    const before = prevBytes ?? utf8.encode(prev);
    const bytes = utf8.encode(v);
    let shared = 0;
    const max = Math.min(before.length, bytes.length);
    while (shared < max && before[shared] === bytes[shared]) shared++;
    writeEdit(w, before.length - shared, bytes.length - shared);
    for (let i = shared; i < bytes.length; i++) w.byte(bytes[i] as number);
    prev = v;
    prevBytes = bytes.length === v.length ? undefined : bytes;
  }
}

/** How many bytes to drop from the previous string and how many follow to append. */
function writeEdit(w: ByteWriter, dropped: number, rest: number): void {
  w.uint(dropped * (SHORT + 1) + Math.min(rest, SHORT));
  if (rest >= SHORT) w.uint(rest - SHORT);
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
    readStrings(r, n, values);
  } else if (kind === Kind.Values) {
    for (let i = 0; i < n; i++) values.push(readValue(r));
  } else {
    r.fail(`unknown column kind ${kind}`);
  }
  return values;
}

/** Where a string's appended bytes are read before they are decoded; grown when too short. */
let tail = new Uint8Array(64);

function readStrings(r: ByteReader, n: number, values: Value[]): void {
  let prev = '';
  // As when writing: the previous string's UTF-8, or undefined while it is ASCII.
  let prevBytes: Uint8Array | undefined;
  for (let i = 0; i < n; i++) {
    const header = r.uint();
    const dropped = Math.floor(header / (SHORT + 1));
    let rest = header % (SHORT + 1);
    if (rest === SHORT) rest += r.count(1);
    const before = prevBytes?.length ?? prev.length;
    if (dropped > before) r.fail('dropped more bytes than the previous string has');
    const shared = before - dropped;
    if (rest > tail.length) tail = new Uint8Array(rest);
    let ascii = prevBytes === undefined;
    for (let j = 0; j < rest; j++) {
      const b = r.byte();
      tail[j] = b;
      if (b >= 0x80) ascii = false;
    }
    let v: string;
    if (ascii) {
      v = prev.slice(0, shared);
      if (rest <= SHORT) for (let j = 0; j < rest; j++) v += String.fromCharCode(tail[j] as number);
      else v += strictUtf8.decode(tail.subarray(0, rest));
      prevBytes = undefined;
    } else {
      const bytes = new Uint8Array(shared + rest);
      if (prevBytes !== undefined) bytes.set(prevBytes.subarray(0, shared));
      else for (let j = 0; j < shared; j++) bytes[j] = prev.charCodeAt(j);
      bytes.set(tail.subarray(0, rest), shared);
      try {
        v = strictUtf8.decode(bytes);
      } catch {
        r.fail('invalid UTF-8');
      }
      prevBytes = bytes.length === v.length ? undefined : bytes;
    }
    values.push(v);
    prev = v;
  }
}
