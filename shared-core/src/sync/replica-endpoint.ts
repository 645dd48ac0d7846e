import type { AnyCrdtType } from '../crdt/crdt-type.js';
import { decodeDigest, decodeState, encodeDigest, encodeState } from '../crdt/lattice.js';
import type { DeltaOrigin, Runtime } from '../dataflow/runtime.js';
import { MAX_DELTA_MESSAGE_BYTES } from '../protocol/replication-messages.js';
import { CatchUp } from './catch-up.js';
import { encodeWithin, splitWithin } from './message-budget.js';
import { openChannel, type Channel } from './replica-channel.js';
import type { ReplicaLog } from './replica-log.js';
import { SyncError } from './sync-error.js';
import type { SyncEvent, SyncLink, SyncMessages } from './sync-link.js';
import { accepted, isFinalRefusal, rejected, type SyncResult } from './sync-result.js';

export interface ReplicaEndpointOptions {
  deployment: string;
  /** The replicated variables this replica hosts (the rooms it joins). */
  variables: readonly string[];
  /**
   * Every replicated variable of the deployment, by type. One it does not host may have been
   * moved away by a re-placement: what the log holds of it unacknowledged is sent on every
   * connection until the hub takes it (or refuses it), and nothing else is done with it.
   */
  deploymentVariables?: ReadonlyMap<string, AnyCrdtType>;
  /** Queue deltas until `flush`, and send each variable's queue joined (within the budget). */
  batch?: boolean;
  /**
   * Compact a variable's log once this many acknowledged deltas accumulate (default 256) and
   * the logged ones weigh as much as the last snapshot (CompactionPace).
   */
  compactEvery?: number;
  /**
   * Hears of a delta this replica holds that no message can carry: one element (or other atom of
   * the state's join decomposition) larger than MAX_DELTA_MESSAGE_BYTES. It stays here only;
   * sending it would close the hub's socket, and every deployment on it, again and again.
   */
  onOversize?: (variable: string, bytes: number) => void;
}

export interface ReplicaEndpointStats {
  /** Local updates applied. */
  ops: number;
  /** Delta messages sent (first sends, retransmits and digest answers). */
  deltasSent: number;
  /** Delta payload bytes sent. */
  bytesSent: number;
  deltasReceived: number;
  /** Logged deltas the hub has not acknowledged yet. */
  unacked: number;
}

/**
 * An agent's side of delta-state anti-entropy for one deployment. Deltas this replica produces
 * (local and derived, never remote ones) are logged, kept until the hub acknowledges them, and
 * sent while the link is open; remote deltas are merged and acknowledged. On (re)connect the
 * endpoint retransmits what is unacknowledged and exchanges digests, so both sides receive
 * exactly what they miss. No I/O of its own: the agent wires it to a socket and a ReplicaLog.
 */
export class ReplicaEndpoint {
  readonly deployment: string;
  private readonly channels = new Map<string, Channel>();
  private readonly batch: boolean;
  private readonly compactEvery: number;
  private link: SyncLink | undefined;
  /** The deployment ended here (`drain`): what the hub refuses for good is not owed any more. */
  private draining = false;
  private readonly catchUp = new CatchUp();
  private readonly counters = { ops: 0, deltasSent: 0, bytesSent: 0, deltasReceived: 0 };
  private readonly stopListening: () => void;
  private readonly onOversize: (variable: string, bytes: number) => void;

  /**
   * Rebuilds every variable from its log (snapshot ⊔ logged deltas) before it hears any new
   * update, so a restarted replica continues its own dot and token counters, which live in the
   * state, instead of reusing them; unacknowledged deltas are queued again. A fresh replica
   * starts from an empty log. The runtime's variables must not have been updated before.
   */
  static restore(
    runtime: Runtime,
    log: ReplicaLog,
    options: ReplicaEndpointOptions,
  ): ReplicaEndpoint {
    return new ReplicaEndpoint(runtime, log, options);
  }

  private constructor(
    private readonly runtime: Runtime,
    private readonly log: ReplicaLog,
    options: ReplicaEndpointOptions,
  ) {
    this.deployment = options.deployment;
    this.batch = options.batch ?? false;
    this.compactEvery = options.compactEvery ?? 256;
    this.onOversize = options.onOversize ?? (() => {});
    const restored = [...new Set(options.variables)].map((variable) => this.load(variable));
    for (const [variable, type] of options.deploymentVariables ?? []) this.retire(variable, type);
    // Merged as 'remote' throughout: nothing restored is new to the network (the digest
    // exchange on connect sends the hub whatever it still misses). Operators' outputs first,
    // whole, then their inputs replayed delta by delta with the hook attached: an awset forgets
    // a removed dot, so an operator derives the removal's tombstone only from the removal
    // itself, and a crash may have come between logging an input's delta and logging what was
    // derived from it. Re-derived deltas that are new get logged and sent now.
    for (const r of restored) if (r.derived) this.runtime.merge(r.variable, r.whole, 'remote');
    this.stopListening = runtime.onDelta((id, delta, origin) => this.produced(id, delta, origin));
    for (const r of restored) {
      if (r.derived) continue;
      for (const delta of r.inOrder) this.runtime.merge(r.variable, delta, 'remote');
    }
  }

  /** Reads a variable's log and sets up its channel with the unacknowledged deltas queued. */
  private load(variable: string): {
    variable: string;
    derived: boolean;
    whole: unknown;
    inOrder: unknown[];
  } {
    const v = this.runtime.has(variable) ? this.runtime.variable(variable) : undefined;
    if (!v || v.kind !== 'lattice' || v.dynamic || !v.type) {
      throw new SyncError(`${variable} is not a replicated lattice variable of this runtime`);
    }
    const type = v.type;
    const ref = { deployment: this.deployment, variable };
    const { channel, inOrder, oversize } = openChannel(
      this.log,
      ref,
      type,
      true,
      this.compactEvery,
    );
    this.channels.set(variable, channel);
    this.splitOversize(channel, oversize);
    const whole = type.bottom();
    if (v.derived) for (const delta of inOrder) type.mergeInto(whole, delta);
    return { variable, derived: v.derived, whole, inOrder };
  }

  /** A variable unless it hosts it: a channel only while its log holds unacknowledged deltas. */
  private retire(variable: string, type: AnyCrdtType): void {
    if (this.channels.has(variable)) return;
    const ref = { deployment: this.deployment, variable };
    const { channel, oversize } = openChannel(this.log, ref, type, false, this.compactEvery);
    this.splitOversize(channel, oversize);
    if (channel.outbox.size > 0) this.channels.set(variable, channel);
  }

  /** The variables it hosts (not those it only still owes deltas of). */
  get variables(): string[] {
    return [...this.hosted()].map((ch) => ch.ref.variable);
  }

  get isConnected(): boolean {
    return this.link?.isOpen ?? false;
  }

  stats(): ReplicaEndpointStats {
    let unacked = 0;
    for (const ch of this.channels.values()) unacked += ch.outbox.size;
    return { ...this.counters, unacked };
  }

  /**
   * The link is (again) open: retransmit everything unacknowledged, then exchange digests. Remote
   * deltas are merged once the hub has answered every digest, all at once (see CatchUp).
   */
  connect(link: SyncLink): void {
    this.resend(link);
    this.catchUp.start(this.variables);
    this.sync();
  }

  /**
   * The link closed. What arrived of an unfinished catch-up is dropped: the hub has it, and the
   * next connection's digest exchange brings it again.
   */
  disconnect(): void {
    this.link = undefined;
    this.catchUp.release();
  }

  /** Stops hearing the runtime (the deployment was removed from this agent). */
  close(): void {
    this.stopListening();
    this.link = undefined;
    this.catchUp.release();
  }

  /**
   * The deployment ends here: stops hearing the runtime and sends every delta the hub has not
   * acknowledged, each variable's joined into as few messages as the budget allows, with no
   * digest exchange. The hub joins what it still wants into the deployment that replaced this
   * one; acks are still taken, so `stats().unacked` says when all are in.
   */
  drain(link: SyncLink): void {
    this.close();
    this.draining = true;
    this.resend(link);
  }

  /** Sends everything unacknowledged on a (new) link, whatever an earlier one carried. */
  private resend(link: SyncLink): void {
    this.link = link;
    for (const ch of this.channels.values()) {
      ch.outbox.reset();
      this.sendQueued(ch, true);
    }
  }

  /** Sends every variable's digest; the hub answers with what this replica misses, and its own. */
  sync(): void {
    const link = this.link;
    if (!link?.isOpen) return;
    for (const ch of this.hosted()) {
      const { variable } = ch.ref;
      const digest = encodeDigest(ch.type, ch.type.digest(this.runtime.state(variable)));
      link.send('digest', { deployment: this.deployment, variable, digest });
    }
  }

  /** Sends what is queued (each variable's deltas joined, within the budget, when batching). */
  flush(): void {
    for (const ch of this.channels.values()) this.sendQueued(ch, this.batch);
  }

  /** Handles a message from the hub; never throws, a refused message names its reason. */
  receive<E extends SyncEvent>(event: E, message: SyncMessages[E]): SyncResult {
    if (message.deployment !== this.deployment) {
      return rejected('wrong-deployment', `message for deployment ${message.deployment}`);
    }
    const ch = this.channels.get(message.variable);
    if (!ch || (!ch.hosted && event !== 'ack')) {
      return rejected('not-hosted', `${message.variable} is not hosted by this replica`);
    }
    try {
      if (event === 'delta') return this.receiveDelta(ch, message as SyncMessages['delta']);
      if (event === 'digest') return this.receiveDigest(ch, message as SyncMessages['digest']);
      return this.receiveAck(ch, message as SyncMessages['ack']);
    } catch (error) {
      // Only the log can throw here (while logging a derived delta, or marking acks).
      const reason = error instanceof Error ? error.message : String(error);
      return rejected('store-failed', `${message.variable}: ${reason}`);
    }
  }

  private receiveDelta(ch: Channel, message: SyncMessages['delta']): SyncResult {
    const decoded = decodeState(ch.type, message.delta);
    if (!decoded.ok) {
      return rejected('malformed-delta', `${ch.ref.variable}: ${decoded.error.message}`);
    }
    this.counters.deltasReceived++;
    // Acknowledged even while held: remote deltas are never logged, and a replica that loses
    // one gets it again from the digest exchange of its next connection.
    if (!this.catchUp.hold(ch.ref.variable, decoded.value)) {
      this.runtime.merge(ch.ref.variable, decoded.value, 'remote');
    }
    if (this.link?.isOpen) this.link.send('ack', { ...ch.ref, seq: message.seq });
    return accepted;
  }

  private receiveDigest(ch: Channel, message: SyncMessages['digest']): SyncResult {
    const digest = decodeDigest(ch.type, message.digest);
    if (!digest.ok) {
      return rejected('malformed-digest', `${ch.ref.variable}: ${digest.error.message}`);
    }
    const missing = ch.type.deltaFor(this.runtime.state(ch.ref.variable), digest.value);
    // Not logged nor kept for retransmission: the state already holds it, and the next
    // digest exchange finds it again if this message is lost. It may be all the hub lost, so
    // it goes in parts the hub's socket takes.
    if (!ch.type.leq(missing, ch.bottom)) {
      for (const bytes of encodeWithin(ch.type, missing, MAX_DELTA_MESSAGE_BYTES)) {
        if (this.fits(ch, bytes)) this.send(ch, { seq: ch.nextSeq++, bytes });
      }
    }
    this.runtime.mergeAll(this.catchUp.answered(ch.ref.variable));
    return accepted;
  }

  private receiveAck(ch: Channel, message: SyncMessages['ack']): SyncResult {
    const carried = ch.outbox.ack(message.seq);
    if (carried.length === 0) return accepted;
    this.log.acked(ch.ref, carried);
    if (ch.hosted) this.maybeCompact(ch);
    else if (ch.outbox.size === 0) this.channels.delete(ch.ref.variable);
    return accepted;
  }

  /**
   * The hub refused a message this replica sent about `variable`; never throws. A refused
   * digest counts as answered while catching up: no answer will come, and waiting for one would
   * hold every remote delta until the next connection. The deltas of a variable it no longer
   * hosts, or of any once drained, are given up when the hub will not take them (its log keeps
   * them): nothing else would ever acknowledge them. A running replica's hosted deltas stay
   * owed, and go again on the next connection.
   */
  refused(event: SyncEvent, variable: string, code: string): SyncResult {
    const ch = this.channels.get(variable);
    const givenUp = ch !== undefined && (!ch.hosted || this.draining);
    if (event === 'delta' && givenUp && isFinalRefusal(code)) {
      this.channels.delete(variable);
      return accepted;
    }
    if (event !== 'digest') return accepted;
    try {
      this.runtime.mergeAll(this.catchUp.answered(variable));
      return accepted;
    } catch (error) {
      // Only the log can throw here (while logging what the held deltas derived).
      const reason = error instanceof Error ? error.message : String(error);
      return rejected('store-failed', `${variable}: ${reason}`);
    }
  }

  private *hosted(): Iterable<Channel> {
    for (const ch of this.channels.values()) if (ch.hosted) yield ch;
  }

  private produced(variable: string, delta: unknown, origin: DeltaOrigin): void {
    if (origin === 'remote') return;
    const ch = this.channels.get(variable);
    if (!ch?.hosted) return;
    if (origin === 'local') this.counters.ops++;
    this.enqueue(ch, delta);
    if (!this.batch) this.sendQueued(ch, false);
  }

  /**
   * Logs a delta and queues it for the hub: as one entry, or, too large for one message (an
   * operator's output can be, though no update is), as the parts of its join decomposition.
   */
  private enqueue(ch: Channel, delta: unknown): void {
    for (const { state, bytes } of splitWithin(ch.type, delta, MAX_DELTA_MESSAGE_BYTES)) {
      const seq = ch.nextSeq++;
      // Durable before Runtime.update returns: the application may treat the update as done.
      this.log.append(ch.ref, seq, bytes);
      ch.pace.logged(bytes);
      if (!this.fits(ch, bytes)) {
        this.log.acked(ch.ref, [seq]);
        continue;
      }
      ch.outbox.add(seq, ch.type.clone(state), bytes);
    }
  }

  /** Deltas logged whole before deltas were split to fit: logged again in parts, then let go. */
  private splitOversize(ch: Channel, oversize: ReadonlyArray<{ seq: number; delta: unknown }>) {
    for (const { seq, delta } of oversize) {
      this.enqueue(ch, delta);
      this.log.acked(ch.ref, [seq]);
    }
  }

  /** Whether a message fits the hub's socket; one that does not is reported and never sent. */
  private fits(ch: Channel, bytes: Uint8Array): boolean {
    if (bytes.length <= MAX_DELTA_MESSAGE_BYTES) return true;
    this.onOversize(ch.ref.variable, bytes.length);
    return false;
  }

  private sendQueued(ch: Channel, joined: boolean): void {
    if (!this.link?.isOpen || !ch.outbox.hasUnsent) return;
    for (const message of ch.outbox.take(joined, () => ch.nextSeq++)) this.send(ch, message);
  }

  private send(ch: Channel, message: { seq: number; bytes: Uint8Array }): void {
    if (!this.link?.isOpen) return;
    this.link.send('delta', { ...ch.ref, seq: message.seq, delta: message.bytes });
    this.counters.deltasSent++;
    this.counters.bytesSent += message.bytes.length;
  }

  private maybeCompact(ch: Channel): void {
    if (!ch.pace.due(ch.outbox.size)) return;
    const through = ch.outbox.ackedThrough(ch.nextSeq);
    if (through <= ch.compactedThrough) return;
    const state = encodeState(ch.type, this.runtime.state(ch.ref.variable));
    this.log.compact(ch.ref, state, through);
    ch.compactedThrough = through;
    ch.pace.compacted(state, ch.outbox.size);
  }
}
