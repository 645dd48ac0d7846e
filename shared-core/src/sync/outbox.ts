import type { AnyCrdtType } from '../crdt/crdt-type.js';
import { encodeState } from '../crdt/lattice.js';
import { MAX_DELTA_MESSAGE_BYTES } from '../protocol/replication-messages.js';
import { packWithin } from './message-budget.js';

interface Pending {
  readonly delta: unknown;
  readonly bytes: Uint8Array;
}

/** A delta message to send: `seq` is also what the hub's ack names. */
export interface OutgoingDelta {
  readonly seq: number;
  readonly bytes: Uint8Array;
}

/**
 * The deltas of one variable that the hub has not acknowledged yet, and which message of the
 * current connection carries each. A message carries one delta (under the delta's seq) or the
 * join of several consecutive ones, within the message budget (under a seq of its own), so an
 * ack names exactly the deltas it covers,
 * whatever order messages and acks travel in. `reset` forgets the messages of a closed
 * connection: an ack of one that still arrives is ignored and its deltas are sent again.
 */
export class Outbox {
  /** By ascending seq (a Map keeps insertion order and seqs are added in order). */
  private readonly pending = new Map<number, Pending>();
  /** Message seq → the delta seqs it carries, for messages sent on the current connection. */
  private readonly messages = new Map<number, number[]>();
  private unsent: number[] = [];

  constructor(private readonly type: AnyCrdtType) {}

  /** Deltas not yet acknowledged. */
  get size(): number {
    return this.pending.size;
  }

  add(seq: number, delta: unknown, bytes: Uint8Array): void {
    this.pending.set(seq, { delta, bytes });
    this.unsent.push(seq);
  }

  get hasUnsent(): boolean {
    return this.unsent.length > 0;
  }

  /**
   * The deltas not sent on this connection: each as its own message under its own seq, or
   * consecutive ones joined into messages of at most `budget` bytes (a delta larger than that
   * goes alone), each join under a fresh seq from `freshSeq`. A fresh seq (never the last
   * delta's) keeps a late ack of an earlier, smaller message from acknowledging deltas it did not
   * carry. The budget keeps a join, such as everything unacknowledged after a reconnect, from
   * growing past what the hub takes in one message.
   */
  take(joined: boolean, freshSeq: () => number, budget = MAX_DELTA_MESSAGE_BYTES): OutgoingDelta[] {
    const seqs = this.unsent;
    this.unsent = [];
    const groups = joined
      ? packWithin(
          seqs,
          (seq) => this.entry(seq).bytes,
          (group) => this.join(group),
          budget,
        )
      : seqs.map((seq) => ({ items: [seq], bytes: this.entry(seq).bytes }));
    return groups.map(({ items, bytes }) => {
      const seq = items.length === 1 ? (items[0] as number) : freshSeq();
      this.messages.set(seq, items);
      return { seq, bytes };
    });
  }

  /** The hub acknowledged message `seq`: returns the delta seqs it carried (none if unknown). */
  ack(seq: number): number[] {
    const carried = this.messages.get(seq);
    if (!carried) return [];
    this.messages.delete(seq);
    return carried.filter((s) => this.pending.delete(s));
  }

  /** A new connection: what the old one carried without an ack is unsent again. */
  reset(): void {
    this.messages.clear();
    this.unsent = [...this.pending.keys()];
  }

  /** The highest seq at or below which every delta before `nextSeq` is acknowledged. */
  ackedThrough(nextSeq: number): number {
    for (const seq of this.pending.keys()) return seq - 1;
    return nextSeq - 1;
  }

  private join(seqs: readonly number[]): Uint8Array {
    const acc = this.type.bottom();
    for (const seq of seqs) this.type.mergeInto(acc, this.entry(seq).delta);
    return encodeState(this.type, acc);
  }

  private entry(seq: number): Pending {
    const entry = this.pending.get(seq);
    if (!entry) throw new Error(`outbox has no delta ${seq}`);
    return entry;
  }
}
