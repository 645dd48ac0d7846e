import type { VariableRef } from '../protocol/replication-messages.js';
import { refKey } from './replica-log.js';

/** What the hub stored of one variable: its state is the join of all of it. */
export interface HubStoreContents {
  readonly state?: Uint8Array;
  /** Deltas appended since `state` was saved. */
  readonly deltas: readonly Uint8Array[];
}

/**
 * The hub's durability seam for merged variable states (SQLite or PostgreSQL in the control
 * plane, memory in tests). Synchronous, and durable when a method returns: the hub acknowledges
 * a delta only after storing it.
 */
export interface HubStore {
  /** Appends a delta that grew the variable. */
  appendDelta(ref: VariableRef, delta: Uint8Array): void;
  /** Replaces the saved state and drops the appended deltas, atomically. */
  saveState(ref: VariableRef, state: Uint8Array): void;
  load(ref: VariableRef): HubStoreContents;
}

/** A HubStore in memory, for tests; `failing` makes every write throw (a full disk, say). */
export class MemoryHubStore implements HubStore {
  private readonly stored = new Map<string, { state?: Uint8Array; deltas: Uint8Array[] }>();
  failing = false;

  appendDelta(ref: VariableRef, delta: Uint8Array): void {
    this.check();
    this.at(ref).deltas.push(delta.slice());
  }

  saveState(ref: VariableRef, state: Uint8Array): void {
    this.check();
    this.stored.set(refKey(ref), { state: state.slice(), deltas: [] });
  }

  load(ref: VariableRef): HubStoreContents {
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
