import type { AnyCrdtType, CrdtType } from './crdt-type.js';

/**
 * Forgets a type's parameters so that it can sit in a registry or inside a pair or gmap chosen at
 * run time. The cast is sound as long as an erased type only ever meets states it made itself
 * (bottom, mutate, decode) and ops that passed its own `opSchema`, which is how every boundary
 * uses it; TypeScript cannot express that link, because the methods take `S` and `Op` as inputs.
 */
export function erase<S, Op extends { op: string }, Q, D>(
  type: CrdtType<S, Op, Q, D>,
): AnyCrdtType {
  return type as unknown as AnyCrdtType;
}
