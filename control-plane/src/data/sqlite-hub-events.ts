import { HUB_EVENT_KINDS, type HubEventMessage } from '@inflow/shared-core';
import type { Database } from 'better-sqlite3';
import type { Store, StoredHubEvent } from './store.js';

interface EventRow {
  seq: number;
  at: number;
  deployment: string | null;
  kind: string;
  message: string;
  node: string | null;
}

const isKind = (kind: string): kind is HubEventMessage['kind'] =>
  (HUB_EVENT_KINDS as readonly string[]).includes(kind);

// A kind this build does not know (written by a newer one) is left out: no editor could show it.
function toEvent(r: EventRow): StoredHubEvent[] {
  if (!isKind(r.kind)) return [];
  const { seq, at, kind, message } = r;
  const deployment = r.deployment === null ? {} : { deployment: r.deployment };
  return [{ seq, at, ...deployment, kind, message, ...(r.node === null ? {} : { node: r.node }) }];
}

type HubEventMethods = Pick<Store, 'appendHubEvents' | 'recentHubEvents'>;

/** The event log of the embedded store: the newest hub events, for editors that connect later. */
export function sqliteHubEvents(db: Database): HubEventMethods {
  const q = {
    insert: db.prepare(
      'INSERT INTO hub_events (seq, at, deployment, kind, message, node) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    forget: db.prepare('DELETE FROM hub_events WHERE seq <= ?'),
    recent: db.prepare<[number], EventRow>(
      'SELECT * FROM (SELECT * FROM hub_events ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    ),
  };
  const append = db.transaction((events: readonly StoredHubEvent[], keep: number) => {
    for (const e of events) {
      q.insert.run(e.seq, e.at, e.deployment ?? null, e.kind, e.message, e.node ?? null);
    }
    const newest = events.at(-1);
    if (newest) q.forget.run(newest.seq - keep);
  });
  return {
    appendHubEvents: async (events, keep) => append(events, keep),
    recentHubEvents: async (limit) => q.recent.all(limit).flatMap(toEvent),
  };
}
