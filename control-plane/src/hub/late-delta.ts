import type { DeltaMessage, HubRoom, SyncLink, SyncResult } from '@inflow/shared-core';
import type { Metrics } from '../metrics.js';
import { relayed } from './relayed.js';

/**
 * Joins a late delta from an agent that is not in the variable's room into `room`: stored,
 * merged and forwarded to the room like the hub's own update, then acknowledged to the sender
 * under the names it sent, so it may forget the delta. Joining it again changes nothing.
 */
export function joinLateDelta(
  metrics: Metrics,
  room: HubRoom,
  message: DeltaMessage,
  link: SyncLink | undefined,
): SyncResult {
  const { deployment, variable, seq, delta } = message;
  const result = relayed(metrics, room, () => room.mergeDelta(variable, delta));
  if (result.ok) {
    room.afterStored(variable, (error) => {
      if (!error && link?.isOpen) link.send('ack', { deployment, variable, seq });
    });
  }
  return result;
}
