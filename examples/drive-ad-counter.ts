// Drives a deployed ad counter through the REST API, as game clients would: it seeds the ads and
// their contracts at the hub, then sends impressions of the ads still shown to the client agents
// in turn, and prints the counters until every ad is gone. Run it once per deployment: the ads
// are removed by an enforce_once trigger, once each, so it refuses a deployment that removed them
// already (see removed-ads.ts).
//
//   INFLOW_URL=http://127.0.0.1:4000 INFLOW_ADMIN_TOKEN=... npx tsx examples/drive-ad-counter.ts <deploymentId>

import { alreadyRemoved, rerunRefusal, type EffectRow } from './removed-ads.js';

const url = process.env.INFLOW_URL ?? 'http://127.0.0.1:4000';
const token = process.env.INFLOW_ADMIN_TOKEN;
const deployment = process.argv[2];
if (!token || !deployment) {
  process.stderr.write(
    'usage: INFLOW_URL=<url> INFLOW_ADMIN_TOKEN=<token> tsx examples/drive-ad-counter.ts <deploymentId>\n',
  );
  process.exit(2);
}

interface DeploymentView {
  status: string;
  placement: { nodes: Record<string, string[]> };
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
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

const ops = (variable: string, body: unknown) =>
  call(`POST`, `/api/deployments/${deployment}/variables/${variable}/ops`, body);

const ADVERTISERS = { rovioAds: 'Rovio', riotAds: 'Riot' } as const;

const adsOf = (advertiser: string) =>
  [1, 2, 3, 4, 5].map((n) => ({ id: `${advertiser.toLowerCase()}-${n}`, advertiser }));
const AD_IDS = Object.values(ADVERTISERS).flatMap((a) => adsOf(a).map((ad) => ad.id));

/**
 * Refuses a deployment that removed any of these ads already (an earlier run): checked before
 * adding them, so every removal seen is an earlier run's, not this run's replicating.
 */
function refuseRerun(view: DeploymentView): void {
  const removed = alreadyRemoved(view.effects, AD_IDS);
  if (removed.length > 0) throw new Error(rerunRefusal(deployment as string, removed));
}

async function main(): Promise<void> {
  const view = await call<DeploymentView>('GET', `/api/deployments/${deployment}`);
  if (view.status !== 'running') throw new Error(`deployment ${deployment} is ${view.status}`);
  const clients = view.placement.nodes.gameClients ?? [];
  if (clients.length === 0) throw new Error('no agent runs gameClients in this deployment');
  // Before adding anything: the ads of an earlier run would come back for good.
  refuseRerun(view);
  for (const [variable, advertiser] of Object.entries(ADVERTISERS)) {
    const ads = adsOf(advertiser);
    await ops(variable, { op: { op: 'addAll', values: ads } });
    await ops('contracts', { op: { op: 'addAll', values: ads.map((a) => ({ id: a.id })) } });
  }
  console.log(`seeded 10 ads; game clients: ${clients.join(', ')}`);

  for (let round = 0; ; round++) {
    const now = await call<DeploymentView>('GET', `/api/deployments/${deployment}`);
    const shown = [
      ...((now.variables.rovioAds?.value ?? []) as Array<{ id: string }>),
      ...((now.variables.riotAds?.value ?? []) as Array<{ id: string }>),
    ];
    const counts = (now.variables.impressions?.value ?? {}) as Record<string, number>;
    console.log(
      `ads shown: ${String(shown.length).padStart(2)}  impressions: ` +
        Object.entries(counts)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([ad, n]) => `${ad}=${n}`)
          .join(' '),
    );
    if (shown.length === 0) break;
    const agent = clients[round % clients.length] as string;
    const impressions = Array.from({ length: 50 }, (_, i) => ({
      op: 'apply',
      key: (shown[i % shown.length] as { id: string }).id,
      inner: { op: 'increment' },
    }));
    await ops('impressions', { ops: impressions, agent });
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log('every ad reached its threshold and was removed');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
