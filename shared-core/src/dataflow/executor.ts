import type { ReplicaId } from '../crdt/crdt-type.js';

/**
 * The replica that performs an `enforce_once` action: the lowest-sorted member, as in Lasp. Every
 * replica computes the same answer from the same membership, so no coordination is needed.
 */
export function chooseExecutor(membership: readonly ReplicaId[]): ReplicaId | undefined {
  let chosen: ReplicaId | undefined;
  for (const member of membership) if (chosen === undefined || member < chosen) chosen = member;
  return chosen;
}
