import { randomBytes } from 'node:crypto';
import type { HubEventMessage } from '@inflow/shared-core';
import type { Store, StoredHubEvent } from '../data/store.js';
import type { HubEvent } from './hub-event.js';

/** How many hub events a newly connected editor is sent, and how many the store keeps. */
export const RECENT_EVENTS = 200;

/** The setting that holds the prefix of the store's event ids. */
const EVENT_ID_PREFIX_SETTING = 'hub-event-id-prefix';

export interface RecentEventsOptions {
  capacity?: number;
  /** Makes ids unique to one event log (default: random, for a log that is not stored). */
  prefix?: string;
  /** What an earlier start kept, oldest first: listed, and numbered on from. */
  restored?: readonly StoredHubEvent[];
  /** Writes new events through, in order: those of one event-loop turn together. */
  persist?: (events: StoredHubEvent[]) => void;
}

/**
 * The most recent hub events, numbered: what an editor that opens or reconnects is sent as its
 * `history`. Opened on a store, they outlive a restart of the control plane, and an event keeps
 * its id; the id's prefix is the store's own, so an editor that held events of another store
 * (a data dir wiped under it) never mistakes a new event for one of those.
 */
export class RecentEvents {
  private readonly events: HubEventMessage[];
  private readonly capacity: number;
  private readonly prefix: string;
  private persist: ((events: StoredHubEvent[]) => void) | undefined;
  private unwritten: StoredHubEvent[] = [];
  private sequence: number;

  constructor(options: RecentEventsOptions = {}) {
    this.capacity = options.capacity ?? RECENT_EVENTS;
    this.prefix = options.prefix ?? randomPrefix();
    this.persist = options.persist;
    const restored = (options.restored ?? []).slice(-this.capacity);
    this.events = restored.map(({ seq, ...event }) => ({ ...event, id: this.idOf(seq) }));
    this.sequence = restored.at(-1)?.seq ?? 0;
  }

  /**
   * The store's newest events, numbered on from the last of them. A failed write is reported
   * and the event is still broadcast: the log is for people, not a record anything depends on.
   */
  static async open(
    store: Pick<Store, 'getSetting' | 'putSetting' | 'appendHubEvents' | 'recentHubEvents'>,
    onWriteFailed: (error: unknown) => void,
    capacity = RECENT_EVENTS,
  ): Promise<RecentEvents> {
    let prefix = await store.getSetting(EVENT_ID_PREFIX_SETTING);
    if (prefix === undefined) {
      prefix = randomPrefix();
      await store.putSetting(EVENT_ID_PREFIX_SETTING, prefix);
    }
    return new RecentEvents({
      capacity,
      prefix,
      restored: await store.recentHubEvents(capacity),
      persist: (events) => void store.appendHubEvents(events, capacity).catch(onWriteFailed),
    });
  }

  /** Numbers the event and keeps it, forgetting the oldest once more than `capacity` are kept. */
  record(event: HubEvent): HubEventMessage {
    this.sequence += 1;
    if (this.persist) {
      // A burst (an agent reports up to 20 issues at once) costs the store one commit, not one each.
      if (this.unwritten.length === 0) setImmediate(() => this.write());
      this.unwritten.push({ ...event, seq: this.sequence });
    }
    const numbered = { ...event, id: this.idOf(this.sequence) };
    this.events.push(numbered);
    // At most one over: shifting a few hundred references costs less than a ring's bookkeeping.
    if (this.events.length > this.capacity) this.events.shift();
    return numbered;
  }

  /** Oldest first, as they were broadcast. */
  list(): HubEventMessage[] {
    return [...this.events];
  }

  /** Writes what is pending and stops writing: the store is about to close. */
  close(): void {
    this.write();
    this.persist = undefined;
  }

  private write(): void {
    if (this.unwritten.length === 0) return;
    this.persist?.(this.unwritten);
    this.unwritten = [];
  }

  private idOf(seq: number): string {
    return `${this.prefix}-${seq}`;
  }
}

const randomPrefix = () => randomBytes(6).toString('hex');
