import { RuntimeStack } from './runtime-stack.js';
import { now, type Stream } from './worker-protocol.js';

/** One burst of impressions on every client at once, and when each replica had all of them. */
export interface BurstSample {
  impressions: number;
  /** From the common start until the last client's last impression. */
  clientMs: number;
  /** From the common start until the hub's count (polled over REST) held the new total. */
  endToEndMs: number;
  /** From the last impression until: each client replica held the total (its subscribe). */
  clientsMs: number[];
  hubMs: number;
  /** server-1 acknowledged (so had merged) the last impressions delta the hub sent it. */
  serverMs: number;
  /** The deployment view says every variable's replicas agree (with the total at the hub). */
  viewAgreeMs: number;
}

const POLL_MS = 5;
const START_DELAY_MS = 150;
const CONVERGE_TIMEOUT_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one burst of updates did, whatever it updated. */
export interface UpdateBurst {
  /** Updates made, every client together. */
  updates: number;
  startAt: number;
  /** The last client's last update. */
  lastAt: number;
  /** From the common start until the last client's last update (`clientMs` above). */
  clientMs: number;
}

/**
 * Every client updates `stream` as fast as it can for `durationMs` from a common start; resolves
 * once each says it is done. Every update is durable at its client (as its log mode makes it)
 * when that client's update call has returned.
 */
export async function updateBurst(
  stack: RuntimeStack,
  stream: Stream,
  durationMs: number,
): Promise<UpdateBurst> {
  const startAt = now() + START_DELAY_MS;
  for (const w of stack.workers) w.send({ type: 'burst', stream, startAt, durationMs });
  const done = await Promise.all(stack.workers.map((w) => w.next('done', durationMs + 30_000)));
  const lastAt = Math.max(...done.map((d) => d.lastAt));
  const updates = done.reduce((a, d) => a + d.count, 0);
  return { updates, startAt, lastAt, clientMs: lastAt - startAt };
}

/**
 * Every client records impressions for `durationMs` from a common start; then the REST view is
 * polled every 5 ms and each client watches its own replica until all hold the new total.
 * `before` is the hub's count before the burst. Resolves once the view agrees (or times out).
 */
export async function burst(
  stack: RuntimeStack,
  before: number,
  durationMs: number,
): Promise<BurstSample> {
  const {
    updates: impressions,
    startAt,
    lastAt,
  } = await updateBurst(stack, 'impressions', durationMs);
  const total = before + impressions;
  for (const w of stack.workers) w.send({ type: 'total', total, timeoutMs: CONVERGE_TIMEOUT_MS });
  const seen = Promise.all(stack.workers.map((w) => w.next('seen', CONVERGE_TIMEOUT_MS + 5_000)));

  let hubAt = Number.NaN;
  let agreeAt = Number.NaN;
  const deadline = now() + CONVERGE_TIMEOUT_MS;
  while (Number.isNaN(agreeAt) && now() < deadline) {
    const view = await stack.view();
    const at = now();
    const count = RuntimeStack.impressions(view);
    if (count > total) throw new Error(`the hub counts ${count} impressions of ${total} made`);
    if (count === total) {
      if (Number.isNaN(hubAt)) hubAt = at;
      if (Object.values(view.variables).every((v) => v.agree)) agreeAt = at;
    }
    await sleep(POLL_MS);
  }
  const clients = await seen;
  const server = stack.meter.settledAt('server-1', 'impressions');
  const serverAt = server.outstanding === 0 && server.at !== undefined ? server.at : Number.NaN;
  for (const [i, c] of clients.entries()) {
    if (c.sum !== total) {
      throw new Error(`${stack.workers[i]?.name} holds ${c.sum} impressions of ${total} made`);
    }
  }
  return {
    impressions,
    clientMs: lastAt - startAt,
    endToEndMs: hubAt - startAt,
    clientsMs: clients.map((c) => (c.at === null ? Number.NaN : Math.max(0, c.at - lastAt))),
    hubMs: hubAt - lastAt,
    serverMs: serverAt - lastAt,
    viewAgreeMs: agreeAt - lastAt,
  };
}
