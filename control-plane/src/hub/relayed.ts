import type { HubRoom, SyncResult } from '@inflow/shared-core';
import type { Metrics } from '../metrics.js';

/** Runs `work` on a room and counts the deltas (and their bytes) it forwarded to agents. */
export function relayed(metrics: Metrics, room: HubRoom, work: () => SyncResult): SyncResult {
  const before = room.stats();
  const result = work();
  const after = room.stats();
  metrics.deltasRelayed.inc(after.deltasSent - before.deltasSent);
  metrics.bytesRelayed.inc(after.bytesSent - before.bytesSent);
  return result;
}
