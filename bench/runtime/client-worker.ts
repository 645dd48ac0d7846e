import { createAgent } from '@inflow/agent';
import { now, type ToRunner, type ToWorker, type WorkerConfig } from './worker-protocol.js';

// One game client of the ad counter as its own process: an agent embedded through the library,
// recording impressions as fast as it can during each burst the runner asks for, then watching
// its replica of `impressions` until it holds the total the runner tells it.

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
// Updates between yields: small enough that the 50 ms sync timer and the socket are served on
// time, large enough that yielding costs little.
const CHUNK = 128;

const sumOf = (value: unknown): number =>
  Object.values(value as Record<string, number>).reduce((a, b) => a + b, 0);

let watch: { unsubscribe: () => void; seen: Array<{ at: number; sum: number }> } | undefined;
let waiting: ((sum: number) => void) | undefined;

async function burst(startAt: number, durationMs: number): Promise<void> {
  watch?.unsubscribe();
  watch = undefined;
  while (now() < startAt) await new Promise((r) => setTimeout(r, Math.max(0, startAt - now())));
  const end = startAt + durationMs;
  let count = 0;
  let next = 0;
  let lastAt = now();
  while (lastAt < end) {
    const chunk: Array<{ op: string }> = [];
    for (let k = 0; k < CHUNK; k++) {
      const op = impressions[next] as { op: string };
      if (config.batch) chunk.push(op);
      else agent.update('impressions', op);
      next = next + 1 === impressions.length ? 0 : next + 1;
    }
    if (config.batch) agent.updateAll('impressions', chunk);
    count += CHUNK;
    lastAt = now();
    await new Promise((r) => setImmediate(r));
  }
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

process.on('message', (raw) => {
  const message = raw as ToWorker;
  const fail = (error: unknown) => {
    console.error(`${config.name}: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  };
  if (message.type === 'burst') burst(message.startAt, message.durationMs).catch(fail);
  else if (message.type === 'total') {
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

// Ready once the deployment runs here and the link to the hub is up.
const ready = setInterval(() => {
  const info = agent.deployments()[0];
  if (!info || !agent.connected) return;
  clearInterval(ready);
  send({ type: 'ready', replica: info.replica });
}, 20);
// The runner going away (even by kill -9) closes the IPC channel: leave with it.
process.on('disconnect', () => process.exit(0));
