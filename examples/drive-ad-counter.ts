// Drives a deployed ad counter through the REST API, as game clients would: it seeds the ads and
// their contracts at the hub, then sends impressions of the ads still shown to the online client
// agents in turn, and prints the counters until every ad is gone. It waits while no agent that
// removes ads is online, and gives up with the reason when no ad went for a minute. Run again on
// the same deployment, it goes on where the last run stopped (see removed-ads.ts).
//
//   INFLOW_URL=http://127.0.0.1:4000 INFLOW_ADMIN_TOKEN=... npx tsx examples/drive-ad-counter.ts <deploymentId>

import { nextStep, STALL_LIMIT_MS, stallMessage, type DriveView } from './drive-step.js';
import { seedPlan, type EffectRow } from './removed-ads.js';

const url = process.env.INFLOW_URL ?? 'http://127.0.0.1:4000';
const token = process.env.INFLOW_ADMIN_TOKEN;
const deployment = process.argv[2];
if (!token || !deployment) {
  process.stderr.write(
    'usage: INFLOW_URL=<url> INFLOW_ADMIN_TOKEN=<token> tsx examples/drive-ad-counter.ts <deploymentId>\n',
  );
  process.exit(2);
}

interface DeploymentView extends DriveView {
  status: string;
  variables: Record<string, { value: unknown; agree: boolean }>;
  effects: EffectRow[];
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new HttpError(res.status, `${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ops = (variable: string, body: unknown) =>
  call(`POST`, `/api/deployments/${deployment}/variables/${variable}/ops`, body);

const ADVERTISERS = { rovioAds: 'Rovio', riotAds: 'Riot' } as const;

const adsOf = (advertiser: string) =>
  [1, 2, 3, 4, 5].map((n) => ({ id: `${advertiser.toLowerCase()}-${n}`, advertiser }));
const AD_IDS = Object.values(ADVERTISERS).flatMap((a) => adsOf(a).map((ad) => ad.id));

const viewOf = () => call<DeploymentView>('GET', `/api/deployments/${deployment}`);

const shownAds = (view: DeploymentView): Array<{ id: string }> => [
  ...((view.variables.rovioAds?.value ?? []) as Array<{ id: string }>),
  ...((view.variables.riotAds?.value ?? []) as Array<{ id: string }>),
];

async function seed(view: DeploymentView): Promise<boolean> {
  const plan = seedPlan(
    view.effects,
    AD_IDS,
    shownAds(view).map((ad) => ad.id),
  );
  if (plan.seed.length === 0 && plan.shown.length === 0) {
    console.log(
      `every ad was removed already, by an earlier run: nothing to drive. ` +
        'Deploy examples/ad-counter.json again for a fresh run.',
    );
    return false;
  }
  if (plan.removed.length + plan.shown.length > 0) {
    console.log(
      `going on from an earlier run: ${plan.removed.length} ads removed already, ` +
        `${plan.shown.length} still shown`,
    );
  }
  for (const [variable, advertiser] of Object.entries(ADVERTISERS)) {
    const ads = adsOf(advertiser).filter((ad) => plan.seed.includes(ad.id));
    if (ads.length === 0) continue;
    await ops(variable, { op: { op: 'addAll', values: ads } });
    await ops('contracts', { op: { op: 'addAll', values: ads.map((a) => ({ id: a.id })) } });
  }
  console.log(`seeded ${plan.seed.length} ads`);
  return true;
}

async function main(): Promise<void> {
  const view = await viewOf();
  if (view.status !== 'running') throw new Error(`deployment ${deployment} is ${view.status}`);
  if (!(await seed(view))) return;

  let lastRemovalAt = Date.now();
  let lastShown = Number.POSITIVE_INFINITY;
  let waitingFor: string | undefined;
  for (let round = 0; ; round++) {
    const now = await viewOf();
    const shown = shownAds(now);
    if (shown.length === 0) break;
    if (shown.length < lastShown) lastRemovalAt = Date.now();
    lastShown = shown.length;
    const step = nextStep(now, round);
    const waited = Date.now() - lastRemovalAt;
    if (waited > STALL_LIMIT_MS) throw new Error(stallMessage(deployment as string, waited, step));
    if (step.kind === 'wait') {
      if (step.reason !== waitingFor) console.log(`waiting: ${step.reason}`);
      waitingFor = step.reason;
      await sleep(1000);
      continue;
    }
    waitingFor = undefined;
    const counts = (now.variables.impressions?.value ?? {}) as Record<string, number>;
    console.log(
      `ads shown: ${String(shown.length).padStart(2)}  impressions: ` +
        Object.entries(counts)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([ad, n]) => `${ad}=${n}`)
          .join(' '),
    );
    const impressions = Array.from({ length: 50 }, (_, i) => ({
      op: 'apply',
      key: (shown[i % shown.length] as { id: string }).id,
      inner: { op: 'increment' },
    }));
    try {
      await ops('impressions', { ops: impressions, agent: step.agent });
    } catch (error) {
      // The agent went offline since the view was read: the next round sees it.
      if (!(error instanceof HttpError && error.status === 409)) throw error;
    }
    await sleep(100);
  }
  console.log('every ad reached its threshold and was removed');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
