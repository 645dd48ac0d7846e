import * as Y from 'yjs';
import { check, timed } from '../harness.js';
import type { SetSystem } from './types.js';

// Y.Map used as a set (element → true). Concurrent set/delete of a key is last-writer-wins by
// client id, not add-wins, so this is a speed and size reference, not the same semantics.

const MAP = 'set';

function replica(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/** A copy of a doc made through its own encoding (outside any timed region). */
function copy(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  return other;
}

/** Adds every id, one transaction (hence one emitted update) per add. */
function fillPerOp(doc: Y.Doc, ids: readonly string[]): [number, number] {
  const map = doc.getMap<boolean>(MAP);
  let bytes = 0;
  // Yjs encodes an update only when someone listens: a live system always does.
  const listener = (update: Uint8Array) => {
    bytes += update.length;
  };
  doc.on('update', listener);
  const [, ms] = timed(() => {
    for (const id of ids) doc.transact(() => map.set(id, true));
  });
  doc.off('update', listener);
  return [ms, bytes];
}

export const yjsSet: SetSystem = {
  name: 'yjs Y.Map (LWW, not add-wins)',
  objectDeltas: false,
  trial(ids1, ids2) {
    const a = replica(1);
    const b = replica(2);
    const [msA, bytesA] = fillPerOp(a, ids1);
    const [msB, bytesB] = fillPerOp(b, ids2);
    const a0 = copy(a);
    const b0 = copy(b);
    // Yjs merges through updates: each side sends what the other's state vector lacks.
    const [, mergeMs] = timed(() => {
      const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
      const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
      Y.applyUpdate(b, toB);
      Y.applyUpdate(a, toA);
    });
    const [, syncMs] = timed(() => {
      const fromA = Y.encodeStateAsUpdate(a0);
      const fromB = Y.encodeStateAsUpdate(b0);
      Y.applyUpdate(b0, fromA);
      Y.applyUpdate(a0, fromB);
    });
    const size = a.getMap(MAP).size;
    check(
      size === b.getMap(MAP).size && size === a0.getMap(MAP).size,
      'yjs: replicas did not converge',
    );
    return {
      addMs: msA + msB,
      deltaBytes: bytesA + bytesB,
      mergeMs,
      syncMs,
      stateBytes: Y.encodeStateAsUpdate(a).length,
      size,
    };
  },
};

/** The same adds, one transaction per replica: Yjs's fast path, not comparable to per-op rows. */
export const yjsSetBatched: SetSystem = {
  name: 'yjs Y.Map batched: 1 txn/replica (not per-op)',
  objectDeltas: false,
  addsOnly: true,
  trial(ids1, ids2) {
    let addMs = 0;
    let bytes = 0;
    for (const [clientID, ids] of [
      [1, ids1],
      [2, ids2],
    ] as const) {
      const doc = replica(clientID);
      const map = doc.getMap<boolean>(MAP);
      doc.on('update', (update: Uint8Array) => {
        bytes += update.length;
      });
      addMs += timed(() => doc.transact(() => ids.forEach((id) => map.set(id, true))))[1];
    }
    return {
      addMs,
      deltaBytes: bytes,
      mergeMs: Number.NaN,
      syncMs: Number.NaN,
      stateBytes: Number.NaN,
      size: ids1.length,
    };
  },
};
