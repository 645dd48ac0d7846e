// What drive-ad-counter.ts checks before it adds its ads to a deployment, and each round: the ad
// counter removes an ad with an `enforce_once` trigger (removeAd), which fires once per ad for the
// life of the deployment. An ad it removed already and that is added again is never removed, so
// a driver waiting for every ad to go would send impressions for ever.

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

/** Why driving `deployment` with these ads again would never end, and what to do instead. */
export function rerunRefusal(deployment: string, removed: readonly string[]): string {
  return (
    `deployment ${deployment} has removed ${removed.join(', ')} already: ${REMOVE_AD} is ` +
    'enforce_once, so it removes each ad once for the life of the deployment, and an ad added ' +
    'again would never be removed (impressions would be sent for ever). Drive a fresh ' +
    'deployment instead: POST examples/ad-counter.json to /api/deployments (a redeploy that ' +
    'replaces this one keeps its effects, and so its removals).'
  );
}
