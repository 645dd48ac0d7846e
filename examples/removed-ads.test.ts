import { describe, expect, it } from 'vitest';
import { alreadyRemoved, rerunRefusal } from './removed-ads.js';

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

  it('says why a second run would never end, and what to do instead', () => {
    const message = rerunRefusal('d_1', ['rovio-1', 'riot-1']);
    expect(message).toMatch(
      /^deployment d_1 has removed rovio-1, riot-1 already: removeAd is enforce_once/,
    );
    expect(message).toMatch(/Drive a fresh deployment instead: POST examples\/ad-counter.json/);
  });
});
