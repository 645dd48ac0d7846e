// The parts of delta-crdts (CommonJS, untyped) and of its msgpack codec that the bench uses.

declare module 'delta-crdts' {
  /** A replica: mutators apply to its state in place and return the delta they made. */
  interface Replica<V> {
    readonly id: string;
    /** Joins a delta or a whole state (as produced by `state()` or decoded by the codec). */
    apply(delta: unknown): unknown;
    state(): unknown;
    value(): V;
  }
  export interface AWORSetReplica extends Replica<Set<unknown>> {
    add(value: unknown): unknown;
    remove(value: unknown): unknown;
  }
  export interface GCounterReplica extends Replica<number> {
    inc(): unknown;
  }
  export interface PNCounterReplica extends Replica<number> {
    inc(): unknown;
    dec(): unknown;
  }
  interface CRDTs {
    (type: 'aworset'): (id: string) => AWORSetReplica;
    (type: 'gcounter'): (id: string) => GCounterReplica;
    (type: 'pncounter'): (id: string) => PNCounterReplica;
  }
  const crdts: CRDTs;
  export default crdts;
}

declare module 'delta-crdts-msgpack-codec' {
  export function encode(value: unknown): Uint8Array;
  export function decode(bytes: Uint8Array): unknown;
}
