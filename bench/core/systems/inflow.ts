import { awset } from '../../../shared-core/src/crdt/awset.js';
import type { CrdtType } from '../../../shared-core/src/crdt/crdt-type.js';
import { gcounter } from '../../../shared-core/src/crdt/gcounter.js';
import { decodeState, encodeState } from '../../../shared-core/src/crdt/lattice.js';
import { orset } from '../../../shared-core/src/crdt/orset.js';
import { pncounter } from '../../../shared-core/src/crdt/pncounter.js';
import { check, timed } from '../harness.js';
import { replicaName, type CounterSystem, type SetSystem, type SetTrial } from './types.js';

// Inflow's types are driven exactly as the runtime drives them: `mutate` returns the delta that
// replication would send, `mergeInto` applies it locally.

type AddOp = { op: 'add'; value: string };

function decoded<S>(type: CrdtType<S, { op: string }, unknown, unknown>, bytes: Uint8Array): S {
  const result = decodeState(type, bytes);
  if (!result.ok) throw result.error;
  return result.value;
}

function setSystem<S, Op extends { op: string }>(
  name: string,
  type: CrdtType<S, Op, unknown, unknown>,
  addOp: (value: string) => Op,
): SetSystem {
  const size = (s: S): number => (type.query(s) as unknown[]).length;

  const fill = (ids: readonly string[], replica: string, encode: boolean): [S, number, number] => {
    const s = type.bottom();
    let bytes = 0;
    const [, ms] = timed(() => {
      for (const id of ids) {
        const delta = type.mutate(s, addOp(id), replica);
        type.mergeInto(s, delta);
        if (encode) bytes += encodeState(type, delta).length;
      }
    });
    return [s, ms, bytes];
  };

  return {
    name,
    objectDeltas: true,
    trial(ids1, ids2, encodeDeltas): SetTrial {
      const [a, msA, bytesA] = fill(ids1, 'replica-a', encodeDeltas);
      const [b, msB, bytesB] = fill(ids2, 'replica-b', encodeDeltas);
      const a0 = type.clone(a);
      const b0 = type.clone(b);
      const [, mergeMs] = timed(() => {
        type.mergeInto(a, b);
        type.mergeInto(b, a0);
      });
      const [, syncMs] = timed(() => {
        const bytesOfA = encodeState(type, a0);
        const bytesOfB = encodeState(type, b0);
        type.mergeInto(a0, decoded(type, bytesOfB));
        type.mergeInto(b0, decoded(type, bytesOfA));
      });
      check(type.equals(a, b) && type.equals(a0, a), `${name}: replicas did not converge`);
      return {
        addMs: msA + msB,
        deltaBytes: encodeDeltas ? bytesA + bytesB : Number.NaN,
        mergeMs,
        syncMs,
        stateBytes: encodeState(type, a).length,
        size: size(a),
      };
    },
  };
}

export const inflowAwSet = setSystem('inflow awset', awset, (value): AddOp => ({
  op: 'add',
  value,
}));
export const inflowOrSet = setSystem('inflow orset', orset, (value): AddOp => ({
  op: 'add',
  value,
}));

function counterSystem<S, Op extends { op: string }>(
  name: string,
  type: CrdtType<S, Op, unknown, unknown>,
  increment: Op,
): CounterSystem {
  return {
    name,
    trial(replicas, perReplica) {
      const states: S[] = [];
      const [, incrementMs] = timed(() => {
        for (let r = 0; r < replicas; r++) {
          const id = replicaName(r);
          const s = type.bottom();
          for (let i = 0; i < perReplica; i++) type.mergeInto(s, type.mutate(s, increment, id));
          states.push(s);
        }
      });
      const [hub, mergeMs] = timed(() => {
        const target = type.bottom();
        for (const s of states) type.mergeInto(target, s);
        return target;
      });
      return {
        incrementMs,
        mergeMs,
        stateBytes: encodeState(type, hub).length,
        value: type.query(hub) as number,
      };
    },
  };
}

export const inflowGCounter = counterSystem('inflow gcounter', gcounter, { op: 'increment' });
export const inflowPNCounter = counterSystem('inflow pncounter', pncounter, { op: 'increment' });
