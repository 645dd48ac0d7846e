import type { VariableRef } from '../protocol/replication-messages.js';
import { refKey } from './replica-log.js';

/** What the hub stored of one variable: its state is the join of all of it. */
export interface HubStoreContents {
  readonly state?: Uint8Array;
  /** Deltas appended since `state` was saved. */
  readonly deltas: readonly Uint8Array[];
}

/** Called once writes are durable, or with the error that kept them from being so. */
export type DurableCallback = (error?: Error) => void;

/**
 * The hub's durability seam for merged variable states (SQLite in the control plane, memory in
 * tests). Writes are synchronous calls; the hub acknowledges a delta only once it is durable.
 * A store without `whenDurable` has made each write durable when the call returns; one with it
 * may hold writes to commit many together (one fsync for a burst of deltas instead of one each).
 */
export interface HubStore {
  /** Appends a delta that grew the variable. */
  appendDelta(ref: VariableRef, delta: Uint8Array): void;
  /** Replaces the saved state and drops the appended deltas, atomically. */
  saveState(ref: VariableRef, state: Uint8Array): void;
  /** What is stored; a store holding writes commits them first. */
  load(ref: VariableRef): HubStoreContents;
  /**
   * Calls `done` once every write made so far of the variable `ref` is durable, or with the
   * error that kept one of them from being so. At once when the store holds no write; a store
   * may also wait for the commit of others' writes.
   */
  whenDurable?(ref: VariableRef, done: DurableCallback): void;
}

type HeldWrite = () => void;

/**
 * A HubStore in memory, for tests. `failing` makes every write throw (a full disk, say). A
 * `deferred` store holds its writes, as a group-committing store does, until `commit()` (or
 * `failCommit()`, which drops them as a failed commit would).
 */
export class MemoryHubStore implements HubStore {
  private readonly stored = new Map<string, { state?: Uint8Array; deltas: Uint8Array[] }>();
  private readonly held: HeldWrite[] = [];
  private readonly waiting: DurableCallback[] = [];
  failing = false;
  readonly whenDurable: ((ref: VariableRef, done: DurableCallback) => void) | undefined;

  constructor(options: { deferred?: boolean } = {}) {
    this.whenDurable = options.deferred
      ? (_ref, done) => (this.held.length === 0 ? done() : this.waiting.push(done))
      : undefined;
  }

  appendDelta(ref: VariableRef, delta: Uint8Array): void {
    this.check();
    const copy = delta.slice();
    this.write(() => this.at(ref).deltas.push(copy));
  }

  saveState(ref: VariableRef, state: Uint8Array): void {
    this.check();
    const copy = state.slice();
    this.write(() => this.stored.set(refKey(ref), { state: copy, deltas: [] }));
  }

  /** Makes the held writes durable and tells those waiting. */
  commit(): void {
    for (const write of this.held.splice(0)) write();
    for (const done of this.waiting.splice(0)) done();
  }

  /** Drops the held writes, as a failed commit would, and tells those waiting why. */
  failCommit(error = new Error('the hub store could not commit')): void {
    this.held.length = 0;
    for (const done of this.waiting.splice(0)) done(error);
  }

  /** Loses the held writes and those waiting, as a process that dies before its commit. */
  crash(): void {
    this.held.length = 0;
    this.waiting.length = 0;
  }

  /** Writes held for the next commit. */
  get heldWrites(): number {
    return this.held.length;
  }

  load(ref: VariableRef): HubStoreContents {
    if (this.held.length > 0) this.commit();
    const s = this.stored.get(refKey(ref));
    if (!s) return { deltas: [] };
    return {
      ...(s.state ? { state: s.state.slice() } : {}),
      deltas: s.deltas.map((d) => d.slice()),
    };
  }

  /** How many deltas are appended for a variable (to check that compaction bounds them). */
  size(ref: VariableRef): number {
    return this.stored.get(refKey(ref))?.deltas.length ?? 0;
  }

  private check(): void {
    if (this.failing) throw new Error('the hub store is failing');
  }

  private write(write: HeldWrite): void {
    if (this.whenDurable) this.held.push(write);
    else write();
  }

  private at(ref: VariableRef): { state?: Uint8Array; deltas: Uint8Array[] } {
    const key = refKey(ref);
    let s = this.stored.get(key);
    if (!s) {
      s = { deltas: [] };
      this.stored.set(key, s);
    }
    return s;
  }
}
