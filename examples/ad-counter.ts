import { createLasp, Prng, SimNetwork, type Lasp, type Value } from '@inflow/shared-core';

/**
 * Lasp's advertisement counter (PPDP 2015 §5), written against Inflow's Lasp-style facade: ads
 * from two advertisers are joined with their contracts; game clients show ads from what they see of
 * that join and count impressions in one gcounter per ad; the server removes an ad once its counter
 * reaches the threshold, and the removal flows through union, product and filter to every client.
 * Clients count impressions they show before they hear of a removal: the overcount, reported.
 */
export interface AdCounterOptions {
  clients: number;
  /** Impression events to play (Lasp's test uses 5,000). */
  impressions: number;
  /** Impressions after which an ad is removed. */
  threshold: number;
  adsPerAdvertiser: number;
  seed: number;
  /** Ticks (one impression each) a message may take: longer means later news, more overcount. */
  latency: number;
  /** Called every `progressEvery` impressions with the server's view of the counters. */
  onProgress?: (snapshot: AdCounterSnapshot) => void;
  progressEvery?: number;
}

export interface AdCounterSnapshot {
  shown: number;
  counts: Record<string, number>;
  adsLeft: number;
}

export interface AdCounterReport extends AdCounterSnapshot {
  /** Impressions counted beyond the threshold, summed over ads. */
  overcount: number;
  /** Ads whose counter reached the threshold and that were removed. */
  removed: string[];
  /** Every replica's view of the ads still shown, after the network settled. */
  viewsAfterSettle: Record<string, number>;
  /** Events that found no ad to show (all removed in that client's view). */
  unserved: number;
}

const ADVERTISERS = ['rovio', 'riot'] as const;

function declarePipeline(lasp: Lasp): void {
  lasp.declare('rovioAds', 'orset');
  lasp.declare('riotAds', 'orset');
  lasp.declare('contracts', 'orset');
  lasp.declare('impressions', { name: 'gmap', value: { name: 'gcounter' } });
  lasp.union('rovioAds', 'riotAds', 'ads');
  lasp.product('ads', 'contracts', 'adsContracts');
  lasp.filter(
    'adsContracts',
    (pair) => {
      const [ad, contract] = pair as [{ id: string }, { id: string }];
      return ad.id === contract.id;
    },
    'adsWithContracts',
  );
}

export function runAdCounter(options: AdCounterOptions): AdCounterReport {
  const rng = new Prng(options.seed);
  const server = createLasp({ replica: 'server', membership: ['server'] });
  const clients = Array.from({ length: options.clients }, (_, i) =>
    createLasp({ replica: `client${i}`, membership: ['server'] }),
  );
  const replicas = [server, ...clients];
  for (const lasp of replicas) declarePipeline(lasp);

  // Derived sets are computed on every replica from the replicated inputs.
  const network = new SimNetwork(
    replicas.map((l) => l.runtime),
    rng,
    {
      loss: 0.1,
      duplicate: 0.05,
      latency: options.latency,
      hub: 0,
      replicate: (id) => ['rovioAds', 'riotAds', 'contracts', 'impressions'].includes(id),
    },
  );

  for (const advertiser of ADVERTISERS) {
    const ads = Array.from({ length: options.adsPerAdvertiser }, (_, i) => ({
      id: `${advertiser}-${i + 1}`,
      advertiser,
    }));
    server.update(`${advertiser}Ads`, { op: 'addAll', values: ads });
    server.update('contracts', { op: 'addAll', values: ads.map((ad) => ({ id: ad.id })) });
  }
  // enforce_once: only the server (the membership's lowest member) removes the ad.
  for (const lasp of replicas) {
    lasp.enforceOnce(
      'impressions',
      { value: options.threshold },
      ({ key }) => {
        for (const advertiser of ADVERTISERS) {
          const set = `${advertiser}Ads`;
          const ad = (lasp.query(set) as Array<{ id: string }>).find((a) => a.id === key);
          if (ad) lasp.update(set, { op: 'remove', value: ad as Value });
        }
      },
      { perKey: true },
    );
  }

  const snapshot = (shown: number): AdCounterSnapshot => ({
    shown,
    counts: server.query('impressions') as Record<string, number>,
    adsLeft: (server.query('adsWithContracts') as Value[]).length,
  });

  let shown = 0;
  let unserved = 0;
  for (let event = 0; event < options.impressions; event++) {
    const client = rng.pick(clients);
    const visible = client.query('adsWithContracts') as Array<[{ id: string }, unknown]>;
    if (visible.length === 0) unserved++;
    else {
      const [ad] = rng.pick(visible);
      client.update('impressions', { op: 'apply', key: ad.id, inner: { op: 'increment' } });
      shown++;
    }
    network.tick();
    while (network.step());
    if (options.onProgress && (event + 1) % (options.progressEvery ?? 500) === 0)
      options.onProgress(snapshot(shown));
  }
  network.settle();

  const final = snapshot(shown);
  const removed = Object.entries(final.counts)
    .filter(([, n]) => n >= options.threshold)
    .map(([id]) => id)
    .sort();
  return {
    ...final,
    removed,
    overcount: Object.values(final.counts).reduce(
      (sum, n) => sum + Math.max(0, n - options.threshold),
      0,
    ),
    viewsAfterSettle: Object.fromEntries(
      replicas.map((l) => [l.replica, (l.query('adsWithContracts') as Value[]).length]),
    ),
    unserved,
  };
}
