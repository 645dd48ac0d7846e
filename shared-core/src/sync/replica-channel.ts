import type { AnyCrdtType } from '../crdt/crdt-type.js';
import { decodeState } from '../crdt/lattice.js';
import { CompactionPace } from './compaction-pace.js';
import { MAX_DELTA_MESSAGE_BYTES, type VariableRef } from '../protocol/replication-messages.js';
import { Outbox } from './outbox.js';
import type { ReplicaLog } from './replica-log.js';
import { SyncError } from './sync-error.js';

/** One variable's replication at an agent: its logged deltas the hub has not acknowledged. */
export interface Channel {
  readonly ref: VariableRef;
  readonly type: AnyCrdtType;
  readonly bottom: unknown;
  readonly outbox: Outbox;
  /**
   * False for a variable the replica no longer hosts (a re-placement moved it away): only its
   * unacknowledged deltas are sent, until the hub takes them; no digest, nothing merged.
   */
  readonly hosted: boolean;
  nextSeq: number;
  /** The deltas in the log since its last compaction, and when the next is due. */
  readonly pace: CompactionPace;
  compactedThrough: number;
}

/**
 * Reads a variable's log: its channel with the unacknowledged deltas queued, and every delta in
 * the order it was logged (the snapshot first), whose join is the replica's state. An
 * unacknowledged delta too large for one message (logged before deltas were split to fit) is
 * not queued but returned as `oversize`, for the endpoint to split and log again.
 */
export function openChannel(
  log: ReplicaLog,
  ref: VariableRef,
  type: AnyCrdtType,
  hosted: boolean,
  compactEvery: number,
): { channel: Channel; inOrder: unknown[]; oversize: Array<{ seq: number; delta: unknown }> } {
  const contents = log.load(ref);
  const decode = (bytes: Uint8Array, what: string): unknown => {
    const decoded = decodeState(type, bytes);
    if (!decoded.ok) {
      throw new SyncError(
        `the log of ${ref.variable} holds an unreadable ${what}: ${decoded.error.message}`,
      );
    }
    return decoded.value;
  };
  const inOrder = contents.snapshot ? [decode(contents.snapshot, 'snapshot')] : [];
  const outbox = new Outbox(type);
  const oversize: Array<{ seq: number; delta: unknown }> = [];
  for (const entry of contents.entries) {
    const delta = decode(entry.delta, `delta ${entry.seq}`);
    inOrder.push(delta);
    if (entry.acked) continue;
    if (entry.delta.length > MAX_DELTA_MESSAGE_BYTES) oversize.push({ seq: entry.seq, delta });
    else outbox.add(entry.seq, type.clone(delta), entry.delta);
  }
  const channel: Channel = {
    ref,
    type,
    bottom: type.bottom(),
    outbox,
    hosted,
    nextSeq: contents.nextSeq,
    pace: new CompactionPace(compactEvery, {
      snapshot: contents.snapshot,
      deltas: contents.entries.map((e) => e.delta),
    }),
    compactedThrough: 0,
  };
  return { channel, inOrder, oversize };
}
