import {
  accepted,
  type SyncEvent,
  type SyncLink,
  type SyncMessages,
  type SyncResult,
} from '@inflow/shared-core';
import type { Metrics } from '../metrics.js';
import { joinLateDelta } from './late-delta.js';
import type { LiveDeployment } from './live-deployment.js';
import { relayed } from './relayed.js';

/**
 * A replication message for a running deployment: to its room, except from an agent that held
 * the variable under an earlier plan and holds it no more. A re-placement moved the variable
 * away while the agent still had deltas of it the hub had not acknowledged (made offline,
 * batched, in flight). It is the same CRDT in the same deployment, so such a delta is joined
 * into the hub's replica and forwarded like any update, and counts once however often it
 * comes; the agent does not become a replica of it again. Its acks are taken (nothing is owed
 * any more), its digests refused as the room refuses them, and an agent that never held the
 * variable is refused.
 */
export function receiveRunning<E extends SyncEvent>(
  metrics: Metrics,
  live: LiveDeployment,
  agent: string,
  event: E,
  message: SyncMessages[E],
  link: SyncLink | undefined,
): SyncResult {
  const { room } = live;
  const { variable } = message;
  const former = !room.hosts(agent, variable) && live.heldBefore(agent, variable);
  if (!former || event === 'digest') {
    return relayed(metrics, room, () => room.receive(agent, event, message));
  }
  if (event === 'ack') return accepted;
  return joinLateDelta(metrics, room, message as SyncMessages['delta'], link);
}
