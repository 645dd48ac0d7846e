import { createAgent } from '@inflow/agent';
import {
  gameOf,
  gamesOf,
  sameTop,
  topOf,
  type Score,
  type TopEntry,
} from './leaderboard-scores.js';
import {
  now,
  type Stream,
  type ToRunner,
  type ToWorker,
  type WorkerConfig,
} from './worker-protocol.js';

// One game client as its own process: an agent embedded through the library, updating a
// variable as fast as it can during each burst the runner asks for. Ad counter: it records
// impressions, then watches its replica of `impressions` until it holds the total the runner
// tells it. Leaderboard: it adds finished games to its local `scores`, which the runner then has
// it check against every game it recorded.

const config = JSON.parse(process.env.INFLOW_BENCH_WORKER ?? '{}') as WorkerConfig;
const send = (message: ToRunner) => process.send?.(message);

const agent = createAgent({
  url: config.url,
  token: config.token,
  name: config.name,
  labels: { role: 'client' },
  ...(config.dataDir === undefined ? {} : { dataDir: config.dataDir }),
});
agent.on('fatal', (error) => {
  console.error(`${config.name}: ${error.message}`);
  process.exit(1);
});

const impressions = config.ads.map((ad) => ({ op: 'apply', key: ad, inner: { op: 'increment' } }));
let nextAd = 0;
/** Games recorded so far, over every burst: the next one is `gameOf(name, games)`. */
let games = 0;
const nextOp: Record<Stream, () => { op: string }> = {
  impressions: () => {
    const op = impressions[nextAd] as { op: string };
    nextAd = nextAd + 1 === impressions.length ? 0 : nextAd + 1;
    return op;
  },
  scores: () => ({ op: 'add', value: gameOf(config.name, games++) }),
};
// Updates between yields: small enough that the 50 ms sync timer and the socket are served on
// time, large enough that yielding costs little.
const CHUNK = 128;

const sumOf = (value: unknown): number =>
  Object.values(value as Record<string, number>).reduce((a, b) => a + b, 0);

let watch: { unsubscribe: () => void; seen: Array<{ at: number; sum: number }> } | undefined;
let waiting: ((sum: number) => void) | undefined;

async function burst(stream: Stream, startAt: number, durationMs: number): Promise<void> {
  watch?.unsubscribe();
  watch = undefined;
  while (now() < startAt) await new Promise((r) => setTimeout(r, Math.max(0, startAt - now())));
  const end = startAt + durationMs;
  const next = nextOp[stream];
  let count = 0;
  let lastAt = now();
  while (lastAt < end) {
    const chunk: Array<{ op: string }> = [];
    for (let k = 0; k < CHUNK; k++) {
      if (config.batch) chunk.push(next());
      else agent.update(stream, next());
    }
    if (config.batch) agent.updateAll(stream, chunk);
    count += CHUNK;
    lastAt = now();
    await new Promise((r) => setImmediate(r));
  }
  if (stream === 'scores') return void send({ type: 'done', count, startAt, lastAt });
  // From here on every change this replica hears is remote: record when its sum grows.
  const seen = [{ at: lastAt, sum: sumOf(agent.query('impressions')) }];
  const unsubscribe = agent.subscribe('impressions', (value) => {
    const sum = sumOf(value);
    seen.push({ at: now(), sum });
    waiting?.(sum);
  });
  watch = { unsubscribe, seen };
  send({ type: 'done', count, startAt, lastAt });
}

/** When this replica first held `total` impressions (waiting up to `timeoutMs` for it). */
async function seenTotal(total: number, timeoutMs: number): Promise<number | null> {
  const seen = watch?.seen ?? [];
  const first = () => seen.find((s) => s.sum >= total)?.at ?? null;
  if (first() !== null) return first();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    waiting = (sum) => {
      if (sum < total) return;
      clearTimeout(timer);
      resolve();
    };
  });
  waiting = undefined;
  return first();
}

/**
 * Its local copy of `scores` holds exactly the games it recorded and those `poked` in through the
 * control plane, and its `localTop` is their top K; throws if not (which fails the run).
 */
function checkScores(poked: readonly Score[]): { elements: number; top: TopEntry[] } {
  const recorded = [...gamesOf(config.name, games), ...poked];
  const expected = new Map(recorded.map((g) => [g.score, g.player]));
  const held = agent.query('scores') as Score[];
  const stray = held.find((g) => expected.get(g.score) !== g.player);
  if (held.length !== expected.size || stray) {
    throw new Error(
      `${config.name}: its scores hold ${held.length} games, not the ${expected.size} it ` +
        `recorded${stray ? `, among them ${JSON.stringify(stray)}` : ''}`,
    );
  }
  const top = topOf(recorded);
  const localTop = agent.query('localTop') as TopEntry[];
  if (!sameTop(top, localTop)) {
    throw new Error(
      `${config.name}: its localTop is ${JSON.stringify(localTop)}, not ${JSON.stringify(top)}`,
    );
  }
  return { elements: held.length, top };
}

process.on('message', (raw) => {
  const message = raw as ToWorker;
  const fail = (error: unknown) => {
    console.error(`${config.name}: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  };
  if (message.type === 'burst') {
    burst(message.stream, message.startAt, message.durationMs).catch(fail);
  } else if (message.type === 'check-scores') {
    try {
      send({ type: 'scores-checked', ...checkScores(message.poked) });
    } catch (error) {
      fail(error);
    }
  } else if (message.type === 'total') {
    seenTotal(message.total, message.timeoutMs)
      .then((at) => send({ type: 'seen', at, sum: sumOf(agent.query('impressions')) }))
      .catch(fail);
  } else if (message.type === 'stop') {
    agent
      .stop()
      .then(() => process.exit(0))
      .catch(fail);
  }
});

// Ready once the deployments run here and the link to the hub is up.
const ready = setInterval(() => {
  const info = agent.deployments()[0];
  if (!info || agent.deployments().length < config.deployments || !agent.connected) return;
  clearInterval(ready);
  send({ type: 'ready', replica: info.replica });
}, 20);
// The runner going away (even by kill -9) closes the IPC channel: leave with it.
process.on('disconnect', () => process.exit(0));
