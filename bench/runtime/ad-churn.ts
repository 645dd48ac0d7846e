import { waitFor } from '../../scripts/local-stack.js';
import type { Ad, RuntimeStack } from './runtime-stack.js';

export interface Traffic {
  /** Everything on the wire between the agents and the hub, both ways. */
  wire: number;
  /** Delta payloads of the set variables (the ad sets, contracts and the operators' outputs). */
  setsDelta: number;
  /** The same messages under full-state sync (see SyncTrafficModel). */
  setsFull: number;
  impressionsDelta: number;
  impressionsFull: number;
}

/** The run's traffic so far. */
export function trafficOf(stack: RuntimeStack): Traffic {
  const { up, down } = stack.meter.totals();
  const t: Traffic = {
    wire: up + down,
    setsDelta: 0,
    setsFull: 0,
    impressionsDelta: 0,
    impressionsFull: 0,
  };
  for (const [variable, v] of stack.model.traffic) {
    if (variable === 'impressions') {
      t.impressionsDelta += v.deltaBytes;
      t.impressionsFull += v.fullStateBytes;
    } else {
      t.setsDelta += v.deltaBytes;
      t.setsFull += v.fullStateBytes;
    }
  }
  return t;
}

export function trafficSince(before: Traffic, after: Traffic): Traffic {
  return {
    wire: after.wire - before.wire,
    setsDelta: after.setsDelta - before.setsDelta,
    setsFull: after.setsFull - before.setsFull,
    impressionsDelta: after.impressionsDelta - before.impressionsDelta,
    impressionsFull: after.impressionsFull - before.impressionsFull,
  };
}

const shownIds = async (stack: RuntimeStack): Promise<string[]> => {
  const view = await stack.view();
  const shown = (view.variables.adsWithContracts?.value ?? []) as Array<[{ id: string }, unknown]>;
  return shown.map(([ad]) => ad.id);
};

/**
 * Advertisers publishing and withdrawing ads while the game runs: `n` new ads, one at a time,
 * each added with its contract at the hub, shown (derived through union → product → filter on
 * the agent that runs the operators), then removed. The set variables' traffic of this phase.
 */
export async function adChurn(stack: RuntimeStack, n: number): Promise<Traffic> {
  const before = trafficOf(stack);
  const op = (variable: string, body: unknown) => stack.op(stack.deployment, variable, body);
  for (let i = 0; i < n; i++) {
    const advertiser = i % 2 === 0 ? 'Rovio' : 'Riot';
    const ad: Ad = { id: `${advertiser.toLowerCase()}-new-${i}`, advertiser };
    const set = advertiser === 'Rovio' ? 'rovioAds' : 'riotAds';
    await op(set, { op: 'add', value: ad });
    await op('contracts', { op: 'add', value: { id: ad.id } });
    await waitFor(
      async () => (await shownIds(stack)).includes(ad.id) || undefined,
      `${ad.id} shown`,
    );
    await op(set, { op: 'remove', value: ad });
    await waitFor(
      async () => !(await shownIds(stack)).includes(ad.id) || undefined,
      `${ad.id} withdrawn`,
    );
  }
  await waitFor(
    async () => Object.values((await stack.view()).variables).every((v) => v.agree) || undefined,
    'every replica agrees after the churn',
  );
  return trafficSince(before, trafficOf(stack));
}
