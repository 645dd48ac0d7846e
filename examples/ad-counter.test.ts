import { describe, expect, it } from 'vitest';
import { runAdCounter } from './ad-counter.js';

describe('the ad counter with 10 clients and 5,000 impressions', () => {
  const options = {
    clients: 10,
    impressions: 5000,
    threshold: 100,
    adsPerAdvertiser: 10,
    seed: 2015,
    latency: 20,
  };
  const report = runAdCounter(options);

  it('removes every ad once its counter reaches the threshold, on every replica', () => {
    expect(report.removed).toHaveLength(20);
    expect(Object.keys(report.counts)).toHaveLength(20);
    for (const n of Object.values(report.counts))
      expect(n).toBeGreaterThanOrEqual(options.threshold);
    for (const [replica, left] of Object.entries(report.viewsAfterSettle))
      expect([replica, left]).toEqual([replica, 0]);
  });

  it('loses no impression, and reports the overcount instead of hiding it', () => {
    const counted = Object.values(report.counts).reduce((a, b) => a + b, 0);
    expect(counted).toBe(report.shown);
    expect(report.shown + report.unserved).toBe(options.impressions);
    expect(report.overcount).toBe(counted - 20 * options.threshold);
    console.info(
      `ad counter: ${report.shown} impressions shown, overcount ${report.overcount} ` +
        `(${((100 * report.overcount) / (20 * options.threshold)).toFixed(1)}% over the ${20 * options.threshold} allowed)`,
    );
  });

  it('overcounts more when news travels slower', () => {
    const slow = runAdCounter({ ...options, latency: 200 });
    expect(slow.overcount).toBeGreaterThan(report.overcount);
  });
});
