import * as A from '@automerge/automerge';
import { check, timed } from '../harness.js';
import type { CounterSystem, SetSystem } from './types.js';

// Automerge has no set: a map whose keys are the elements stands in for one (LWW per key, not
// add-wins). It keeps every change in its history, and both the map-as-set and the counter get
// slower per change as the document grows, so the runner gives them fewer operations.

type SetDoc = Record<string, boolean>;
type CounterDoc = { c: A.Counter };

/** Automerge actor ids are hex strings. */
const actor = (i: number): string => i.toString(16).padStart(32, '0');

function fill(ids: readonly string[], actorIndex: number): [A.Doc<SetDoc>, number, number] {
  let doc = A.init<SetDoc>(actor(actorIndex));
  let bytes = 0;
  const [, ms] = timed(() => {
    for (const id of ids) {
      doc = A.change(doc, (d) => {
        d[id] = true;
      });
      // The change a live system would send to its peers.
      bytes += A.getLastLocalChange(doc)?.length ?? 0;
    }
  });
  return [doc, ms, bytes];
}

export const automergeSet: SetSystem = {
  name: 'automerge map-as-set (LWW, not add-wins)',
  objectDeltas: false,
  trial(ids1, ids2) {
    const [filledA, msA, bytesA] = fill(ids1, 1);
    const [filledB, msB, bytesB] = fill(ids2, 2);
    let a = filledA;
    let b = filledB;
    // merge() freezes both arguments, so each side merges a copy of the other's pre-merge doc.
    const a0 = A.clone(a);
    const b0 = A.clone(b);
    let aSync = A.clone(a);
    let bSync = A.clone(b);
    const [, mergeMs] = timed(() => {
      a = A.merge(a, b0);
      b = A.merge(b, a0);
    });
    const [, syncMs] = timed(() => {
      const fromA = A.save(aSync);
      const fromB = A.save(bSync);
      aSync = A.loadIncremental(aSync, fromB);
      bSync = A.loadIncremental(bSync, fromA);
    });
    const size = Object.keys(a).length;
    check(
      size === Object.keys(b).length && size === Object.keys(aSync).length,
      'automerge: replicas did not converge',
    );
    return {
      addMs: msA + msB,
      deltaBytes: bytesA + bytesB,
      mergeMs,
      syncMs,
      stateBytes: A.save(a).length,
      size,
    };
  },
};

type Backend = ReturnType<typeof A.getBackend>;

/** The same adds through the document's wasm core: one put + commit (one change) per add. */
function fillBackend(ids: readonly string[], actorIndex: number): [Backend, number, number] {
  const doc = A.getBackend(A.init<SetDoc>(actor(actorIndex)));
  let bytes = 0;
  const [, ms] = timed(() => {
    for (const id of ids) {
      doc.put('_root', id, true);
      // A.change stamps each change with the time in seconds; do the same.
      doc.commit(null, Math.floor(Date.now() / 1000));
      bytes += doc.getLastLocalChange()?.length ?? 0;
    }
  });
  return [doc, ms, bytes];
}

/**
 * A.change is quadratic here because every change rebuilds the immutable JS view of a map that
 * keeps growing; Automerge's wasm core underneath is not. This row drives the core directly, so
 * Automerge also gets figures at the full size (same changes, same saved format).
 */
export const automergeBackendSet: SetSystem = {
  name: 'automerge map-as-set via wasm core put+commit (LWW, not add-wins)',
  objectDeltas: false,
  trials: 2,
  trial(ids1, ids2) {
    const [a, msA, bytesA] = fillBackend(ids1, 1);
    const [b, msB, bytesB] = fillBackend(ids2, 2);
    const a0 = a.fork();
    const b0 = b.fork();
    const aSync = a.fork();
    const bSync = b.fork();
    const [, mergeMs] = timed(() => {
      a.merge(b0);
      b.merge(a0);
    });
    const [, syncMs] = timed(() => {
      const fromA = aSync.save();
      const fromB = bSync.save();
      aSync.loadIncremental(fromB);
      bSync.loadIncremental(fromA);
    });
    const size = a.length('_root');
    check(
      size === b.length('_root') && size === aSync.length('_root'),
      'automerge core: replicas did not converge',
    );
    return {
      addMs: msA + msB,
      deltaBytes: bytesA + bytesB,
      mergeMs,
      syncMs,
      stateBytes: a.save().length,
      size,
    };
  },
};

export const automergeCounter: CounterSystem = {
  name: 'automerge Counter',
  trial(replicas, perReplica) {
    const base = A.from<CounterDoc>({ c: new A.Counter() }, actor(0));
    const docs = Array.from({ length: replicas }, (_, r) => A.clone(base, actor(r + 1)));
    const [, incrementMs] = timed(() => {
      for (let r = 0; r < replicas; r++) {
        let doc = docs[r] as A.Doc<CounterDoc>;
        for (let i = 0; i < perReplica; i++) doc = A.change(doc, (d) => d.c.increment(1));
        docs[r] = doc;
      }
    });
    const [hub, mergeMs] = timed(() => {
      let target = A.clone(base, actor(replicas + 1));
      for (const doc of docs) target = A.merge(target, doc);
      return target;
    });
    return { incrementMs, mergeMs, stateBytes: A.save(hub).length, value: hub.c.value };
  },
};
