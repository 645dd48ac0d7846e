import { describe, expect, it } from 'vitest';
import { alreadyRemoved, seedPlan } from './removed-ads.js';

const ids = ['rovio-1', 'rovio-2', 'riot-1'];

describe('the ads a deployment of the ad counter has removed already', () => {
  it('when none was removed, then none: a first run goes ahead', () => {
    expect(alreadyRemoved([], ids)).toEqual([]);
  });

  it('when removeAd was granted or done for some, then those, in the order asked', () => {
    const effects = [
      { node: 'removeAd', key: 'riot-1', status: 'done' },
      { node: 'removeAd', key: 'rovio-2', status: 'granted' },
      { node: 'removeAd', key: 'other-ad', status: 'done' },
    ];
    expect(alreadyRemoved(effects, ids)).toEqual(['rovio-2', 'riot-1']);
  });

  it('when the grant was released, or the effect is another node, then it does not count', () => {
    const effects = [
      { node: 'removeAd', key: 'rovio-1', status: 'released' },
      { node: 'webhook', key: 'rovio-2', status: 'done' },
    ];
    expect(alreadyRemoved(effects, ids)).toEqual([]);
  });
});

describe('what a run of the driver seeds', () => {
  it('when the deployment is fresh, then every ad', () => {
    expect(seedPlan([], ids, [])).toEqual({ seed: ids, removed: [], shown: [] });
  });

  it('when an earlier run stopped half way, then only the ads never added, and the rest are driven on', () => {
    const effects = [{ node: 'removeAd', key: 'rovio-1', status: 'done' }];
    expect(seedPlan(effects, ids, ['rovio-2'])).toEqual({
      seed: ['riot-1'],
      removed: ['rovio-1'],
      shown: ['rovio-2'],
    });
  });

  it('when a removed ad is still shown (its removal not yet replicated), then it is neither seeded nor driven', () => {
    const effects = [{ node: 'removeAd', key: 'rovio-1', status: 'granted' }];
    expect(seedPlan(effects, ids, ['rovio-1', 'rovio-2', 'riot-1'])).toEqual({
      seed: [],
      removed: ['rovio-1'],
      shown: ['rovio-2', 'riot-1'],
    });
  });

  it('when every ad was removed, then nothing is left to seed or drive', () => {
    const effects = ids.map((key) => ({ node: 'removeAd', key, status: 'done' }));
    expect(seedPlan(effects, ids, [])).toEqual({ seed: [], removed: ids, shown: [] });
  });
});
