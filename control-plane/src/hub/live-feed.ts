import type { DeploymentSnapshot, HubEventMessage } from '@inflow/shared-core';
import type { HubEvent } from './hub-event.js';
import { RecentEvents } from './recent-events.js';

/** Where the feed delivers: the editor namespace's rooms. */
export interface FeedTarget {
  /** The current snapshot of a running deployment, or undefined when it is not running. */
  render(deployment: string): DeploymentSnapshot | undefined;
  publish(deployment: string, snapshot: DeploymentSnapshot): void;
  broadcast(event: HubEventMessage): void;
}

/** At most this many snapshots per second per deployment, however fast its state changes. */
export const SNAPSHOTS_PER_SECOND = 10;
const MIN_GAP_MS = 1000 / SNAPSHOTS_PER_SECOND;

/**
 * Throttles what editors watching a deployment receive: a change schedules one snapshot, sent no
 * sooner than 100 ms after the previous one, and every change meanwhile rides along with it.
 * Hub events are numbered and kept (the most recent ones) for editors that connect later.
 */
export class LiveFeed {
  private target: FeedTarget | undefined;
  private readonly scheduled = new Map<string, NodeJS.Timeout>();
  private readonly lastSent = new Map<string, number>();

  constructor(private readonly recent = new RecentEvents()) {}

  attach(target: FeedTarget): void {
    this.target = target;
  }

  changed(deployment: string): void {
    if (!this.target || this.scheduled.has(deployment)) return;
    const wait = Math.max(0, (this.lastSent.get(deployment) ?? 0) + MIN_GAP_MS - Date.now());
    const timer = setTimeout(() => {
      this.scheduled.delete(deployment);
      this.lastSent.set(deployment, Date.now());
      const snapshot = this.target?.render(deployment);
      if (snapshot) this.target?.publish(deployment, snapshot);
    }, wait);
    timer.unref();
    this.scheduled.set(deployment, timer);
  }

  event(event: HubEvent): void {
    // Kept even with no target yet: what the hub restores before the sockets are up counts too.
    const numbered = this.recent.record(event);
    this.target?.broadcast(numbered);
    if (event.deployment) this.changed(event.deployment);
  }

  /** The most recent events, oldest first. */
  history(): HubEventMessage[] {
    return this.recent.list();
  }

  shutdown(): void {
    this.recent.close();
    for (const timer of this.scheduled.values()) clearTimeout(timer);
    this.scheduled.clear();
    this.target = undefined;
  }
}
