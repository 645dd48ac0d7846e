import { randomBytes } from 'node:crypto';
import type { HubEventMessage } from '@inflow/shared-core';
import type { HubEvent } from './hub-event.js';

/** How many hub events a newly connected editor is sent. */
export const RECENT_EVENTS = 200;

/**
 * The most recent hub events, numbered, in memory: what an editor that opens or reconnects is
 * sent as its `history`. A restart forgets them, so ids carry a random prefix per boot: an editor
 * that held events of the previous boot never mistakes a new event for one of them.
 */
export class RecentEvents {
  private readonly events: HubEventMessage[] = [];
  private sequence = 0;

  constructor(
    private readonly capacity = RECENT_EVENTS,
    private readonly boot = randomBytes(6).toString('hex'),
  ) {}

  /** Numbers the event and keeps it, forgetting the oldest once more than `capacity` are kept. */
  record(event: HubEvent): HubEventMessage {
    this.sequence += 1;
    const numbered = { ...event, id: `${this.boot}-${this.sequence}` };
    this.events.push(numbered);
    // At most one over: shifting a few hundred references costs less than a ring's bookkeeping.
    if (this.events.length > this.capacity) this.events.shift();
    return numbered;
  }

  /** Oldest first, as they were broadcast. */
  list(): HubEventMessage[] {
    return [...this.events];
  }
}
