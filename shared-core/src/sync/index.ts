export type { SyncEvent, SyncLink, SyncMessages } from './sync-link.js';
export {
  accepted,
  isFinalRefusal,
  rejected,
  type SyncRejection,
  type SyncRejectionCode,
  type SyncResult,
} from './sync-result.js';
export { SyncError } from './sync-error.js';
export { CompactionPace } from './compaction-pace.js';
export {
  FIRST_SEQ,
  refKey,
  type LoggedDelta,
  type ReplicaLog,
  type ReplicaLogContents,
} from './replica-log.js';
export { MemoryReplicaLog, SimulatedCrash } from './memory-replica-log.js';
export {
  ReplicaEndpoint,
  type ReplicaEndpointOptions,
  type ReplicaEndpointStats,
} from './replica-endpoint.js';
export {
  MemoryHubStore,
  type DurableCallback,
  type HubStore,
  type HubStoreContents,
} from './hub-store.js';
export { HubRoom, type HubRoomOptions, type HubRoomStats } from './hub-room.js';
export {
  EffectLedger,
  MemoryEffectStore,
  type EffectDecision,
  type EffectRecord,
  type EffectStatus,
  type EffectStore,
} from './effect-ledger.js';
export {
  encodePacket,
  NO_FAULTS,
  TestLinkPair,
  type LinkFaults,
  type Sent,
  type Side,
} from './test-link-pair.js';
