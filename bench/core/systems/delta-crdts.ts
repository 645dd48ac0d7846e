import crdts, { type AWORSetReplica } from 'delta-crdts';
import * as codec from 'delta-crdts-msgpack-codec';
import { check, timed } from '../harness.js';
import { replicaName, type CounterSystem, type SetSystem } from './types.js';

// delta-crdts (the delta-state library of the Almeida et al. paper's lineage) with its own msgpack
// codec for bytes. Its aworset `add` scans the whole set (removeValue) and returns the whole state
// as the "delta", so each add costs O(set size): the runner gives it far fewer elements.

function fill(
  id: string,
  ids: readonly string[],
  encode: boolean,
): [AWORSetReplica, number, number] {
  const replica = crdts('aworset')(id);
  let bytes = 0;
  const [, ms] = timed(() => {
    for (const value of ids) {
      const delta = replica.add(value);
      if (encode) bytes += codec.encode(delta).length;
    }
  });
  return [replica, ms, bytes];
}

export const deltaCrdtsSet: SetSystem = {
  name: 'delta-crdts aworset',
  objectDeltas: true,
  trial(ids1, ids2, encodeDeltas) {
    const [a, msA, bytesA] = fill('replica-a', ids1, encodeDeltas);
    const [b, msB, bytesB] = fill('replica-b', ids2, encodeDeltas);
    // States are replaced, never mutated, by a join, so the pre-merge states stay valid.
    const a0 = a.state();
    const b0 = b.state();
    const [, mergeMs] = timed(() => {
      a.apply(b0);
      b.apply(a0);
    });
    const aSync = crdts('aworset')('replica-a');
    const bSync = crdts('aworset')('replica-b');
    aSync.apply(a0);
    bSync.apply(b0);
    const [, syncMs] = timed(() => {
      const fromA = codec.encode(a0);
      const fromB = codec.encode(b0);
      aSync.apply(codec.decode(fromB));
      bSync.apply(codec.decode(fromA));
    });
    const size = a.value().size;
    check(
      size === b.value().size && size === aSync.value().size && size === bSync.value().size,
      'delta-crdts: replicas did not converge',
    );
    return {
      addMs: msA + msB,
      deltaBytes: encodeDeltas ? bytesA + bytesB : Number.NaN,
      mergeMs,
      syncMs,
      stateBytes: codec.encode(a.state()).length,
      size,
    };
  },
};

function counterSystem(name: string, type: 'gcounter' | 'pncounter'): CounterSystem {
  return {
    name,
    trial(replicas, perReplica) {
      const states: unknown[] = [];
      const [, incrementMs] = timed(() => {
        for (let r = 0; r < replicas; r++) {
          const replica =
            type === 'gcounter'
              ? crdts('gcounter')(replicaName(r))
              : crdts('pncounter')(replicaName(r));
          for (let i = 0; i < perReplica; i++) replica.inc();
          states.push(replica.state());
        }
      });
      const hub = type === 'gcounter' ? crdts('gcounter')('hub') : crdts('pncounter')('hub');
      const [, mergeMs] = timed(() => {
        for (const state of states) hub.apply(state);
      });
      return {
        incrementMs,
        mergeMs,
        stateBytes: codec.encode(hub.state()).length,
        value: hub.value(),
      };
    },
  };
}

export const deltaCrdtsGCounter = counterSystem('delta-crdts gcounter', 'gcounter');
export const deltaCrdtsPNCounter = counterSystem('delta-crdts pncounter', 'pncounter');
