import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import type { Value, ValueObject } from './value.js';

const enum Tag {
  Null = 0,
  False = 1,
  True = 2,
  Int = 3,
  Float = 4,
  String = 5,
  Array = 6,
  Object = 7,
}

const MAX_DEPTH = 64;

export function writeValue(w: ByteWriter, v: Value): void {
  if (v === null) w.byte(Tag.Null);
  else if (v === false) w.byte(Tag.False);
  else if (v === true) w.byte(Tag.True);
  else if (typeof v === 'number') {
    // Zig-zag doubles the magnitude, so only integers below 2^52 stay exact as varints.
    if (Number.isInteger(v) && Math.abs(v) < 2 ** 52) {
      w.byte(Tag.Int);
      w.int(v);
    } else {
      w.byte(Tag.Float);
      w.float64(v);
    }
  } else if (typeof v === 'string') {
    w.byte(Tag.String);
    w.string(v);
  } else if (Array.isArray(v)) {
    w.byte(Tag.Array);
    w.uint(v.length);
    for (const item of v) writeValue(w, item);
  } else {
    const obj = v as ValueObject;
    const keys = Object.keys(obj).sort();
    w.byte(Tag.Object);
    w.uint(keys.length);
    for (const k of keys) {
      w.string(k);
      writeValue(w, obj[k] as Value);
    }
  }
}

export function readValue(r: ByteReader, depth = 0): Value {
  if (depth > MAX_DEPTH) r.fail('value nested too deeply');
  const tag = r.byte();
  switch (tag) {
    case Tag.Null:
      return null;
    case Tag.False:
      return false;
    case Tag.True:
      return true;
    case Tag.Int:
      return r.int();
    case Tag.Float: {
      const f = r.float64();
      if (!Number.isFinite(f)) r.fail('non-finite number');
      return f;
    }
    case Tag.String:
      return r.string();
    case Tag.Array: {
      const n = r.count();
      const items: Value[] = [];
      for (let i = 0; i < n; i++) items.push(readValue(r, depth + 1));
      return items;
    }
    case Tag.Object: {
      const n = r.count(2);
      const obj: Record<string, Value> = {};
      for (let i = 0; i < n; i++) {
        const k = r.string();
        Object.defineProperty(obj, k, {
          value: readValue(r, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return obj;
    }
    default:
      return r.fail(`unknown value tag ${tag}`);
  }
}
