import type {
  Assignment,
  ReplicaLog,
  SyncEvent,
  SyncLink,
  SyncMessages,
} from '@inflow/shared-core';
import { pino } from 'pino';
import type { ReplyResult } from '../agent-connection.js';
import { AgentStore } from '../agent-store.js';
import type { DeploymentInfo } from '../agent-types.js';
import { DeploymentSet } from '../deployment-set.js';
import { FailStopLog } from '../fail-stop-log.js';
import { counterGraph } from './graphs.js';

// A DeploymentSet as the agent builds it, with a recording link to the hub, for its tests.

const stores: AgentStore[] = [];

/** Closes the stores of every set made since the last call (after each test). */
export function closeSets(): void {
  for (const s of stores.splice(0)) s.close();
}

/** The link to the hub, recording what the agent sends; `isOpen` says whether it is connected. */
export function recordingLink() {
  const sent: Array<{ event: SyncEvent; message: SyncMessages[SyncEvent] }> = [];
  const link: SyncLink & { isOpen: boolean } = {
    isOpen: true,
    send: <E extends SyncEvent>(event: E, message: SyncMessages[E]) => {
      sent.push({ event, message });
    },
  };
  const deltas = () =>
    sent.flatMap((s) => (s.event === 'delta' ? [s.message as SyncMessages['delta']] : []));
  return { link, sent, deltas };
}

export const assignment = (version: number, extra: Partial<Assignment> = {}): Assignment => ({
  deployment: 'd1',
  version,
  graph: counterGraph(),
  nodes: [],
  variables: ['clicks', 'names'],
  executors: [],
  replica: 'a.x',
  ...extra,
});

/**
 * A set as the agent builds it: its log stops everything at the first failed write. Connected
 * while `link` is given and open.
 */
export function setup(
  inner?: ReplicaLog,
  link?: SyncLink,
  drainTimeoutMs?: number,
  /** A store on disk, to start the set again on after a restart. */
  store = AgentStore.open(),
) {
  stores.push(store);
  let stopped: Error | undefined;
  const log = new FailStopLog(inner ?? store.log, (error) => (stopped = error));
  const lines: Array<{ msg: string; [k: string]: unknown }> = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => lines.push(JSON.parse(line)) },
  );
  const heard = { assigned: [] as DeploymentInfo[], unassigned: [] as string[], changed: 0 };
  const effects = { claim: () => Promise.resolve(false), complete: () => {} };
  const set = new DeploymentSet(
    store,
    log,
    logger,
    {
      connection: () => (link?.isOpen ? { link, effects } : undefined),
      changed: () => heard.changed++,
      assigned: (info) => heard.assigned.push(info),
      unassigned: (d) => heard.unassigned.push(d),
      storeFailed: (error) => (stopped = error),
      stoppedBecause: () => stopped,
    },
    drainTimeoutMs,
  );
  const call = (fn: (reply: (r: ReplyResult) => void) => void): ReplyResult => {
    let result: ReplyResult | undefined;
    fn((r) => (result = r));
    if (!result) throw new Error('no reply');
    return result;
  };
  return { store, set, lines, heard, call };
}
