import type { AnyCrdtType } from '../crdt/crdt-type.js';
import { encodeState } from '../crdt/lattice.js';

/** Some of the items to send, and the message that carries them. */
export interface Packed<T> {
  readonly items: T[];
  readonly bytes: Uint8Array;
}

/**
 * Groups consecutive items into as few messages as a greedy pass finds, each within `budget`
 * bytes unless it carries one item that alone is larger. A group is cut by the sum of its items'
 * sizes, then its join is encoded once; a join that still comes out over the budget (an
 * encoding need not be smaller than its parts') is halved until it fits.
 */
export function packWithin<T>(
  items: readonly T[],
  bytesOf: (item: T) => Uint8Array,
  join: (items: readonly T[]) => Uint8Array,
  budget: number,
): Packed<T>[] {
  const out: Packed<T>[] = [];
  const emit = (group: T[]): void => {
    if (group.length === 1) {
      out.push({ items: group, bytes: bytesOf(group[0] as T) });
      return;
    }
    const bytes = join(group);
    if (bytes.length <= budget) return void out.push({ items: group, bytes });
    const half = Math.ceil(group.length / 2);
    emit(group.slice(0, half));
    emit(group.slice(half));
  };
  let group: T[] = [];
  let sum = 0;
  for (const item of items) {
    const size = bytesOf(item).length;
    if (group.length > 0 && sum + size > budget) {
      emit(group);
      group = [];
      sum = 0;
    }
    group.push(item);
    sum += size;
  }
  if (group.length > 0) emit(group);
  return out;
}

/**
 * A state as one message or, when that is over `budget`, as several whose join is the state
 * (from its join decomposition), each within the budget unless a single part is larger: each
 * part's state beside its encoding, so a sender that keeps them need not decode its own bytes.
 */
export function splitWithin(
  type: AnyCrdtType,
  state: unknown,
  budget: number,
): Array<{ state: unknown; bytes: Uint8Array }> {
  const whole = encodeState(type, state);
  if (whole.length <= budget) return [{ state, bytes: whole }];
  const parts = type.decompose(state).map((part) => ({ part, bytes: encodeState(type, part) }));
  if (parts.length <= 1) return [{ state, bytes: whole }];
  const joined = new WeakMap<Uint8Array, unknown>();
  const join = (group: readonly { part: unknown }[]): Uint8Array => {
    const acc = type.bottom();
    for (const { part } of group) type.mergeInto(acc, part);
    const bytes = encodeState(type, acc);
    joined.set(bytes, acc);
    return bytes;
  };
  return packWithin(parts, (p) => p.bytes, join, budget).map(({ items, bytes }) => ({
    state: items.length === 1 ? items[0]?.part : joined.get(bytes),
    bytes,
  }));
}

/** splitWithin's encodings alone: for a whole or missing state (a digest's answer). */
export const encodeWithin = (type: AnyCrdtType, state: unknown, budget: number): Uint8Array[] =>
  splitWithin(type, state, budget).map((part) => part.bytes);
