import { CCounter, CRuntime, CValueSet } from '@collabs/collabs';
import { check, timed } from '../harness.js';
import { replicaName, type CounterSystem, type SetSystem } from './types.js';

// Each replica is a CRuntime with the same registered Collab. Every operation runs in its own
// transaction (autoTransactions 'error' makes a missing transact() call an error), and the
// message its "Send" event carries is the update a live system would broadcast. Collabs merges
// replicas only through saved state (save on one side, load on the other).

function setReplica(id: string): [CRuntime, CValueSet<string>] {
  const runtime = new CRuntime({ autoTransactions: 'error', debugReplicaID: id });
  return [runtime, runtime.registerCollab('set', (init) => new CValueSet<string>(init))];
}

function fill(id: string, ids: readonly string[]): [CRuntime, CValueSet<string>, number, number] {
  const [runtime, set] = setReplica(id);
  let bytes = 0;
  const off = runtime.on('Send', (event) => {
    bytes += event.message.length;
  });
  const [, ms] = timed(() => {
    for (const value of ids) runtime.transact(() => set.add(value));
  });
  off();
  return [runtime, set, ms, bytes];
}

export const collabsSet: SetSystem = {
  name: 'collabs CValueSet',
  objectDeltas: false,
  trial(ids1, ids2) {
    const [a, setA, msA, bytesA] = fill('replica-a', ids1);
    const [b, setB, msB, bytesB] = fill('replica-b', ids2);
    const [, mergeMs] = timed(() => {
      const fromA = a.save();
      const fromB = b.save();
      a.load(fromB);
      b.load(fromA);
    });
    check(setA.size === setB.size, 'collabs: replicas did not converge');
    return {
      addMs: msA + msB,
      deltaBytes: bytesA + bytesB,
      mergeMs,
      // Saved state is Collabs' only merge path, so syncing through bytes is the merge itself.
      syncMs: mergeMs,
      stateBytes: a.save().length,
      size: setA.size,
    };
  },
};

export const collabsCounter: CounterSystem = {
  name: 'collabs CCounter',
  trial(replicas, perReplica) {
    const runtimes: CRuntime[] = [];
    const [, incrementMs] = timed(() => {
      for (let r = 0; r < replicas; r++) {
        const runtime = new CRuntime({ autoTransactions: 'error', debugReplicaID: replicaName(r) });
        const counter = runtime.registerCollab('counter', (init) => new CCounter(init));
        for (let i = 0; i < perReplica; i++) runtime.transact(() => counter.add(1));
        runtimes.push(runtime);
      }
    });
    const hub = new CRuntime({ autoTransactions: 'error', debugReplicaID: 'hub' });
    const counter = hub.registerCollab('counter', (init) => new CCounter(init));
    const [, mergeMs] = timed(() => {
      for (const runtime of runtimes) hub.load(runtime.save());
    });
    return { incrementMs, mergeMs, stateBytes: hub.save().length, value: counter.value };
  },
};
