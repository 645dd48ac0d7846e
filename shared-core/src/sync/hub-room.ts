import type { AnyCrdtType, Operation, ReplicaId } from '../crdt/crdt-type.js';
import { decodeDigest, decodeState, encodeDigest, encodeState } from '../crdt/lattice.js';
import {
  MAX_DELTA_MESSAGE_BYTES,
  type DeltaMessage,
  type VariableRef,
} from '../protocol/replication-messages.js';
import { CompactionPace } from './compaction-pace.js';
import { encodeWithin } from './message-budget.js';
import type { DurableCallback, HubStore } from './hub-store.js';
import { SyncError } from './sync-error.js';
import type { SyncEvent, SyncLink, SyncMessages } from './sync-link.js';
import { accepted, rejected, type SyncResult } from './sync-result.js';

export interface HubRoomOptions {
  deployment: string;
  /** The CRDT type of every replicated variable of the deployment. */
  variables: ReadonlyMap<string, AnyCrdtType>;
  store: HubStore;
  /**
   * Save a variable's whole state (dropping its stored deltas) after at least this many
   * (default 256), once they weigh as much as the last save (CompactionPace).
   */
  compactEvery?: number;
  /** The hub's replica of a variable grew (feeds live views). */
  onGrow?: (variable: string) => void;
  /**
   * Sends a delta to every member of a variable's room but `except` in one call (a socket.io
   * room broadcast, which a broker adapter carries across hub processes). Without it the room
   * sends to each member's link. Either way each member owes an ack.
   */
  broadcast?: (variable: string, except: string | undefined, message: DeltaMessage) => void;
}

export interface HubRoomStats {
  deltasReceived: number;
  /** Delta messages sent to members: forwards and digest answers. */
  deltasSent: number;
  bytesSent: number;
  rejected: number;
}

interface HubVariable {
  readonly ref: VariableRef;
  readonly type: AnyCrdtType;
  readonly bottom: unknown;
  readonly state: unknown;
  nextSeq: number;
  /** The deltas stored since its state was, and when saving the state is due again. */
  readonly pace: CompactionPace;
  /** Bytes of the deltas that grew it, for measured rates. */
  grownBytes: number;
  /** A commit of its writes failed: the replica holds what the store lacks. */
  unstored: boolean;
  /** The room: members hosting this variable. */
  readonly members: Set<string>;
}

interface Member {
  readonly link: SyncLink;
  readonly variables: ReadonlySet<string>;
  /** Delta messages sent to it and not acknowledged, by variable. */
  readonly unacked: Map<string, Set<number>>;
}

/**
 * The hub's side of delta-state anti-entropy for one deployment: a replica of every variable,
 * and per variable a room of the members that host it. A delta that grows the hub's replica is
 * stored, forwarded to the room's other members (never back to its sender) and acknowledged; a
 * digest is answered with what the member misses and the hub's own digest, so the member sends
 * back what the hub misses. Handlers never throw: a refused message returns its reason.
 */
export class HubRoom {
  readonly deployment: string;
  private readonly vars = new Map<string, HubVariable>();
  private readonly members = new Map<string, Member>();
  private readonly compactEvery: number;
  private readonly counters = { deltasReceived: 0, deltasSent: 0, bytesSent: 0, rejected: 0 };

  /** Opens the room with the stored state of every variable (bottom when nothing is stored). */
  static restore(options: HubRoomOptions): HubRoom {
    return new HubRoom(options);
  }

  private constructor(private readonly options: HubRoomOptions) {
    this.deployment = options.deployment;
    this.compactEvery = options.compactEvery ?? 256;
    for (const [variable, type] of options.variables) {
      const ref = { deployment: this.deployment, variable };
      const stored = options.store.load(ref);
      const state = type.bottom();
      for (const bytes of [...(stored.state ? [stored.state] : []), ...stored.deltas]) {
        const decoded = decodeState(type, bytes);
        if (!decoded.ok) {
          throw new SyncError(
            `the stored state of ${variable} is unreadable: ${decoded.error.message}`,
          );
        }
        type.mergeInto(state, decoded.value);
      }
      const members = new Set<string>();
      const v = {
        ref,
        type,
        bottom: type.bottom(),
        state,
        nextSeq: 1,
        pace: new CompactionPace(this.compactEvery, {
          snapshot: stored.state,
          deltas: stored.deltas,
        }),
        grownBytes: 0,
        unstored: false,
        members,
      };
      this.vars.set(variable, v);
    }
  }

  /** A member (re)connects with the variables it hosts; an unknown variable refuses the join. */
  join(member: string, link: SyncLink, variables: readonly string[]): SyncResult {
    const unknown = variables.filter((v) => !this.vars.has(v));
    if (unknown.length > 0) {
      return this.refuse(
        'unknown-variable',
        `no variable ${unknown.join(', ')} in ${this.deployment}`,
      );
    }
    this.leave(member);
    this.members.set(member, { link, variables: new Set(variables), unacked: new Map() });
    for (const variable of variables) this.vars.get(variable)?.members.add(member);
    return accepted;
  }

  leave(member: string): void {
    const m = this.members.get(member);
    if (!m) return;
    for (const variable of m.variables) this.vars.get(variable)?.members.delete(member);
    this.members.delete(member);
  }

  variables(): string[] {
    return [...this.vars.keys()];
  }

  /** The hub's replica of a variable (read-only: never mutate it). */
  state(variable: string): unknown {
    return this.variable(variable).state;
  }

  query(variable: string): unknown {
    const v = this.variable(variable);
    return v.type.query(v.state);
  }

  /** Whether `member` has joined the room of `variable`. */
  hosts(member: string, variable: string): boolean {
    return this.members.get(member)?.variables.has(variable) ?? false;
  }

  /** The members in a variable's room. */
  roomOf(variable: string): string[] {
    return [...this.variable(variable).members].sort();
  }

  /** Delta messages sent to a member that it has not acknowledged (its replication lag). */
  unackedBy(member: string): number {
    let n = 0;
    for (const seqs of this.members.get(member)?.unacked.values() ?? []) n += seqs.size;
    return n;
  }

  /** Delta messages of one variable sent to a member and not acknowledged. */
  unackedFor(member: string, variable: string): number {
    return this.members.get(member)?.unacked.get(variable)?.size ?? 0;
  }

  stats(): HubRoomStats {
    return { ...this.counters };
  }

  /** Bytes of deltas that grew each variable since the room opened. */
  grownBytes(): Record<string, number> {
    return Object.fromEntries([...this.vars].map(([id, v]) => [id, v.grownBytes]));
  }

  /** Handles a message from a member. */
  receive<E extends SyncEvent>(member: string, event: E, message: SyncMessages[E]): SyncResult {
    if (message.deployment !== this.deployment) {
      return this.refuse('wrong-deployment', `message for deployment ${message.deployment}`);
    }
    const m = this.members.get(member);
    if (!m) return this.refuse('not-a-member', `${member} has not joined ${this.deployment}`);
    const v = this.vars.get(message.variable);
    if (!v) {
      return this.refuse(
        'unknown-variable',
        `no variable ${message.variable} in ${this.deployment}`,
      );
    }
    if (!m.variables.has(message.variable)) {
      return this.refuse('not-hosted', `${member} does not host ${message.variable}`);
    }
    if (event === 'delta') return this.receiveDelta(member, m, v, message as SyncMessages['delta']);
    if (event === 'digest') return this.receiveDigest(m, v, message as SyncMessages['digest']);
    m.unacked.get(v.ref.variable)?.delete((message as SyncMessages['ack']).seq);
    return accepted;
  }

  private receiveDelta(
    sender: string,
    m: Member,
    v: HubVariable,
    message: SyncMessages['delta'],
  ): SyncResult {
    const grown = this.absorbEncoded(sender, v, message.delta);
    if (!grown.ok) return grown;
    // Even a delta that grew nothing waits: what it holds may be in writes not yet durable.
    // Without an ack the sender keeps the delta and sends it again on its next connection.
    this.afterStored(v.ref.variable, (error) => {
      if (!error && m.link.isOpen) m.link.send('ack', { ...v.ref, seq: message.seq });
    });
    return accepted;
  }

  /**
   * Calls `then` once everything the room has stored of `variable` so far is durable, or with
   * the store's error: before acknowledging what it took in, or answering for it.
   */
  afterStored(variable: string, then: DurableCallback): void {
    const { store } = this.options;
    if (store.whenDurable) store.whenDurable(this.variable(variable).ref, then);
    else then();
  }

  /**
   * Merges a delta that comes from outside the room (a late update to a replaced deployment's
   * variable that this deployment carries): stored, merged and forwarded to every member, like
   * the hub's own update. Joining it again changes nothing.
   */
  mergeDelta(variable: string, delta: Uint8Array): SyncResult {
    const v = this.vars.get(variable);
    if (!v) return this.refuse('unknown-variable', `no variable ${variable} in ${this.deployment}`);
    return this.absorbEncoded(undefined, v, delta);
  }

  private absorbEncoded(sender: string | undefined, v: HubVariable, bytes: Uint8Array): SyncResult {
    const decoded = decodeState(v.type, bytes);
    if (!decoded.ok) {
      return this.refuse('malformed-delta', `${v.ref.variable}: ${decoded.error.message}`);
    }
    this.counters.deltasReceived++;
    return this.absorb(sender, v, decoded.value, bytes);
  }

  /**
   * Applies an operation at the hub's own replica (someone poking a variable through the REST
   * API): stored, merged and forwarded to every member like a delta from one of them.
   */
  update(variable: string, op: Operation, replica: ReplicaId): SyncResult {
    const v = this.vars.get(variable);
    if (!v) return this.refuse('unknown-variable', `no variable ${variable} in ${this.deployment}`);
    let delta: unknown;
    try {
      delta = v.type.mutate(v.state, op, replica);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return this.refuse('bad-operation', `${variable}: ${reason}`);
    }
    return this.absorb(undefined, v, delta, encodeState(v.type, delta));
  }

  /**
   * Stores a delta before merging it, then forwards it to the room's members but its sender. A
   * delta that does not grow the replica is stored (or held for the next commit) and goes
   * nowhere. Forwarding need not wait until the store makes it durable: a member that gets a
   * delta the hub then loses holds it anyway, and its sender, never acknowledged, sends it
   * again. After a failed commit the replica is ahead of the store, so the next delta, grown or
   * not, stores the whole state: no ack may rest on the lost writes.
   */
  private absorb(
    sender: string | undefined,
    v: HubVariable,
    delta: unknown,
    bytes: Uint8Array,
  ): SyncResult {
    const grows = !v.type.leq(delta, v.state);
    if (!grows && !v.unstored) return accepted;
    try {
      if (grows) this.options.store.appendDelta(v.ref, bytes);
    } catch (error) {
      return this.storeFailed(v, error);
    }
    if (grows) this.grow(sender, v, delta, bytes);
    if (v.unstored) {
      try {
        const saved = encodeState(v.type, v.state);
        this.options.store.saveState(v.ref, saved);
        v.pace.compacted(saved);
        v.unstored = false;
      } catch (error) {
        return this.storeFailed(v, error);
      }
    }
    this.afterStored(v.ref.variable, (error) => {
      if (error) v.unstored = true;
    });
    return accepted;
  }

  private storeFailed(v: HubVariable, error: unknown): SyncResult {
    const reason = error instanceof Error ? error.message : String(error);
    return this.refuse('store-failed', `${v.ref.variable}: ${reason}`);
  }

  /** Merges a stored delta into the replica and forwards it to the room but its sender. */
  private grow(
    sender: string | undefined,
    v: HubVariable,
    delta: unknown,
    bytes: Uint8Array,
  ): void {
    v.type.mergeInto(v.state, delta);
    v.pace.logged(bytes);
    v.grownBytes += bytes.length;
    const seq = v.nextSeq++;
    const broadcast = this.options.broadcast;
    for (const other of v.members) {
      if (other === sender) continue;
      const target = this.members.get(other);
      if (!target) continue;
      if (broadcast) this.owe(target, v, seq, bytes);
      else this.sendDelta(target, v, seq, bytes);
    }
    broadcast?.(v.ref.variable, sender, { ...v.ref, seq, delta: bytes });
    this.maybeCompact(v);
    this.options.onGrow?.(v.ref.variable);
  }

  private receiveDigest(m: Member, v: HubVariable, message: SyncMessages['digest']): SyncResult {
    const digest = decodeDigest(v.type, message.digest);
    if (!digest.ok) {
      return this.refuse('malformed-digest', `${v.ref.variable}: ${digest.error.message}`);
    }
    const missing = v.type.deltaFor(v.state, digest.value);
    // A late joiner misses the whole state, which can be any size: sent in parts within the
    // budget, as a member sends its own (its socket.io client takes up to 100 MiB, ws's default).
    if (!v.type.leq(missing, v.bottom)) {
      for (const bytes of encodeWithin(v.type, missing, MAX_DELTA_MESSAGE_BYTES)) {
        this.sendDelta(m, v, v.nextSeq++, bytes);
      }
    }
    const own = encodeDigest(v.type, v.type.digest(v.state));
    if (m.link.isOpen) m.link.send('digest', { ...v.ref, digest: own });
    return accepted;
  }

  private sendDelta(m: Member, v: HubVariable, seq: number, bytes: Uint8Array): void {
    // A closed link misses it; the member's digest on reconnect asks for it again.
    if (!m.link.isOpen) return;
    m.link.send('delta', { ...v.ref, seq, delta: bytes });
    this.owe(m, v, seq, bytes);
  }

  /** Counts a delta sent to an open member, which now owes its ack. */
  private owe(m: Member, v: HubVariable, seq: number, bytes: Uint8Array): void {
    if (!m.link.isOpen) return;
    this.counters.deltasSent++;
    this.counters.bytesSent += bytes.length;
    let seqs = m.unacked.get(v.ref.variable);
    if (!seqs) m.unacked.set(v.ref.variable, (seqs = new Set()));
    seqs.add(seq);
  }

  private maybeCompact(v: HubVariable): void {
    if (!v.pace.due()) return;
    try {
      const saved = encodeState(v.type, v.state);
      this.options.store.saveState(v.ref, saved);
      v.pace.compacted(saved);
    } catch {
      // The appended deltas stay durable; compaction is tried again after the next delta.
    }
  }

  private variable(variable: string): HubVariable {
    const v = this.vars.get(variable);
    if (!v) throw new SyncError(`no variable ${variable} in ${this.deployment}`);
    return v;
  }

  private refuse(code: Parameters<typeof rejected>[0], reason: string): SyncResult {
    this.counters.rejected++;
    return rejected(code, reason);
  }
}
