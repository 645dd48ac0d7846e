// The games the leaderboard workload's clients record, and the top K they must end up with. Shared
// by the runner and its client-worker processes: a client's games are a function of its name and
// of how many it has recorded, so either side can rebuild what a client's local copy must hold.

/** One finished game, as a client adds it to its local `scores` (examples/leaderboard.json). */
export interface Score {
  player: string;
  score: number;
}

/** A top-K entry, as the topk type's query gives it (best first). */
export interface TopEntry {
  key: string;
  score: number;
}

/** K of the example's local top K (`localTop`) and of the shared `leaderboard`. */
export const LEADERBOARD_K = 3;

/** Players per client; the games go to them round robin. */
const PLAYERS = 1_000;

/**
 * A client's `i`-th game. The score is `i` scrambled by a bijection on 32 bits, so the scores
 * look random and no two games are alike: every add is a new element of the set.
 */
export function gameOf(client: string, i: number): Score {
  return { player: `${client}-${i % PLAYERS}`, score: Math.imul(i, 0x9e3779b1) >>> 0 };
}

/** A game poked in through the control plane, which beats every generated one (< 2³²). */
export function pokeOf(client: string, n: number): Score {
  return { player: `${client}-poke`, score: 2 ** 32 + n };
}

/** The K best players of `games` by their best score (score descending, then name ascending). */
export function topOf(games: Iterable<Score | TopEntry>, k = LEADERBOARD_K): TopEntry[] {
  const best = new Map<string, number>();
  for (const g of games) {
    const key = 'player' in g ? g.player : g.key;
    if (g.score > (best.get(key) ?? -Infinity)) best.set(key, g.score);
  }
  return [...best]
    .map(([key, score]) => ({ key, score }))
    .sort((a, b) => (a.score !== b.score ? b.score - a.score : a.key < b.key ? -1 : 1))
    .slice(0, k);
}

/** A client's first `count` games, as `gameOf` makes them. */
export function* gamesOf(client: string, count: number): Generator<Score> {
  for (let i = 0; i < count; i++) yield gameOf(client, i);
}

export const sameTop = (a: readonly TopEntry[], b: readonly TopEntry[]): boolean =>
  a.length === b.length && a.every((e, i) => e.key === b[i]?.key && e.score === b[i]?.score);
