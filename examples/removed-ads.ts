// What drive-ad-counter.ts seeds when it starts: the ad counter removes an ad with an
// `enforce_once` trigger (removeAd), which fires once per ad for the life of the deployment. An
// ad it removed already and that is added again would never be removed, so a driver waiting for
// every ad to go would send impressions for ever. A second run therefore goes on where the first
// stopped: it seeds only the ads that were never added, and drives those still shown.

/** A row of a deployment's `effects` (GET /api/deployments/:id). */
export interface EffectRow {
  node: string;
  key: string;
  status: string;
}

/** The node of the ad counter whose effect removes an ad (examples/ad-counter.json). */
export const REMOVE_AD = 'removeAd';

/**
 * The ads of `ids` whose removal was granted already. A `released` grant does not count: its
 * holder died before it was done, and the next replica to reach the threshold performs it.
 */
export function alreadyRemoved(effects: readonly EffectRow[], ids: readonly string[]): string[] {
  const removed = new Set(
    effects.filter((e) => e.node === REMOVE_AD && e.status !== 'released').map((e) => e.key),
  );
  return ids.filter((id) => removed.has(id));
}

export interface SeedPlan {
  /** Ads never added to this deployment: the run adds them. */
  seed: string[];
  /** Ads an earlier run removed: never added again. */
  removed: string[];
  /** Ads an earlier run added that are still shown: driven on. */
  shown: string[];
}

/** Which of `ids` a run adds, given the deployment's effects and the ads it shows now. */
export function seedPlan(
  effects: readonly EffectRow[],
  ids: readonly string[],
  shownIds: readonly string[],
): SeedPlan {
  const removed = alreadyRemoved(effects, ids);
  const shown = ids.filter((id) => shownIds.includes(id) && !removed.includes(id));
  const seed = ids.filter((id) => !removed.includes(id) && !shown.includes(id));
  return { seed, removed, shown };
}
