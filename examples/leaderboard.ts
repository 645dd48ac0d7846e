import { createLasp, Prng, SimNetwork, type Lasp, type TopKEntry } from '@inflow/shared-core';

/**
 * Lasp's leaderboard: every client records its finished games in a set that stays on the client
 * (a dynamic variable), folds it into a local top-K, and binds that into one replicated global top-K.
 */
export interface LeaderboardOptions {
  clients: number;
  games: number;
  k: number;
  seed: number;
  latency: number;
}

export interface LeaderboardReport {
  /** The global top-K as each replica sees it after the network settled. */
  views: Record<string, TopKEntry[]>;
  /** The top-K computed directly from every game played. */
  expected: TopKEntry[];
}

function declarePipeline(lasp: Lasp, k: number): void {
  lasp.declareDynamic('games', 'orset');
  lasp.declare('leaderboard', { name: 'topk', k });
  lasp.fold(
    'games',
    {
      aggregate: 'topk',
      k,
      key: (game) => (game as { player: string }).player,
      value: (game) => (game as { score: number }).score,
    },
    'localTop',
  );
  lasp.bindTo('leaderboard', 'localTop');
}

export function runLeaderboard(options: LeaderboardOptions): LeaderboardReport {
  const rng = new Prng(options.seed);
  const clients = Array.from({ length: options.clients }, (_, i) =>
    createLasp({ replica: `client${i}` }),
  );
  for (const lasp of clients) declarePipeline(lasp, options.k);
  const network = new SimNetwork(
    clients.map((l) => l.runtime),
    rng,
    { loss: 0.1, duplicate: 0.05, latency: options.latency },
  );

  const best = new Map<string, number>();
  for (let game = 0; game < options.games; game++) {
    const i = rng.int(clients.length);
    const player = `client${i}`;
    // Lasp's harness draws scores uniformly from [1, 100,000,000].
    const score = 1 + rng.int(100_000_000);
    (clients[i] as Lasp).update('games', { op: 'add', value: { player, score, game } });
    best.set(player, Math.max(best.get(player) ?? 0, score));
    network.tick();
    while (network.step());
  }
  network.settle();

  const expected = [...best]
    .sort(([pa, sa], [pb, sb]) => (sa !== sb ? sb - sa : pa < pb ? -1 : 1))
    .slice(0, options.k)
    .map(([key, score]) => ({ key, score }));
  return {
    views: Object.fromEntries(
      clients.map((l) => [l.replica, l.query('leaderboard') as TopKEntry[]]),
    ),
    expected,
  };
}
