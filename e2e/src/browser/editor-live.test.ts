import type { DeploymentView } from '@inflow/shared-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { impression, type Stack } from '../system/stack.js';
import { screenshot, signIn } from './browser.js';
import { openThreeAgentEditor, type ThreeAgentEditor } from './three-agent-editor.js';

// The ad counter deployed from the editor onto three real agent processes: one click to deploy,
// placement on the canvas, a poke from the inspector, impressions through the REST API until
// every ad is gone, and an agent killed and its work placed again, all seen in the browser.

const GRACE_MS = 2000;
const ADS = ['rovio-1', 'rovio-2', 'riot-1', 'riot-2'];
const THRESHOLD = 100;

let editor: ThreeAgentEditor;
let stack: Stack;
let page: Page;
let deploymentId: string;

beforeAll(async () => {
  editor = await openThreeAgentEditor({ graceMs: GRACE_MS });
  ({ stack, page } = editor);
}, 120_000);
afterAll(() => editor?.close());

const byId = (id: string) => editor.byId(id);
const text = (id: string) => editor.text(id);

describe('the ad counter run from the editor', () => {
  it('deploys with one click and shows where each node runs, and why', async () => {
    await byId('template-ad-counter').click();
    await byId('deploy').click();
    await expect.poll(() => text('deploy-progress'), { timeout: 20_000 }).toMatch(/running/i);
    const deployments = await stack.api.json<Array<{ id: string; status: string }>>(
      'GET',
      '/api/deployments',
    );
    deploymentId = deployments.find((d) => d.status === 'running')?.id ?? '';
    expect(deploymentId).not.toBe('');
    const { placement } = await stack.view(deploymentId);
    for (const agent of ['client-1', 'client-2', 'server-1']) {
      // What it runs, as the agents panel counts it; then the replicas it only holds.
      const of = (plan: Record<string, string[]>) =>
        Object.keys(plan).filter((id) => plan[id]?.includes(agent));
      const runs = of(placement.nodes);
      const holds = of(placement.variables).filter((id) => !runs.includes(id));
      expect(runs.length).toBeGreaterThan(0);
      const counts = `runs ${runs.length}${holds.length > 0 ? ` · holds ${holds.length}` : ''}`;
      await expect.poll(() => text(`legend-${agent}`)).toMatch(new RegExp(`· ${counts}$`));
    }
    await byId('node-adsContracts').click();
    await expect.poll(() => text('explanation-summary')).toMatch(/^on server-1: least/);
    expect(await text('explanation-candidates')).toContain('client-1');
    // The candidates' scores fit the side panel, the total column included.
    const [table, explanation] = await Promise.all([
      byId('explanation-candidates').boundingBox(),
      byId('placement-explanation').boundingBox(),
    ]);
    expect(table?.width).toBeLessThanOrEqual(explanation?.width ?? 0);
    await byId('node-removeAd').click();
    await expect.poll(() => text('explanation-removed')).toContain('trusted');
    await screenshot(page, '05-deployed');
  });

  it('keeps the toolbar on one line at a laptop width, Deploy at its right end', async () => {
    const middle = async (testId: string) => {
      const box = await byId(testId).boundingBox();
      if (!box) throw new Error(`${testId} is not shown`);
      return { x: box.x, y: Math.round(box.y + box.height / 2) };
    };
    // The texts that give way when the toolbar is short of room, and those cut. The cut falls
    // between letters, onto lines clamped away: a cut text overflows downwards, not sideways.
    const fit = () =>
      page
        .locator('.graph-name, [data-testid=deploy-progress], .live-undeployed summary span')
        .evaluateAll((els) => ({
          shown: els.length,
          cut: els
            .filter((e) => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight)
            .map((e) => e.textContent),
        }));
    const threshold = async (n: number) => {
      await byId('node-removeAd').click();
      await byId('param-threshold.n').fill(String(n));
    };
    // One undeployed change, as a user has between two deploys.
    await threshold(THRESHOLD / 2);
    const summary = byId('undeployed-changes').locator('summary');
    await expect.poll(() => summary.textContent()).toBe('1 undeployed change');
    try {
      // The most common laptop width has room for them whole, as wider windows do.
      for (const width of [1600, 1440, 1366]) {
        await page.setViewportSize({ width, height: 768 });
        expect({ width, ...(await fit()) }).toEqual({ width, shown: 3, cut: [] });
      }
      await page.setViewportSize({ width: 1366, height: 900 });
      const [first, deploy, stop, signOut] = await Promise.all(
        ['open-graphs', 'deploy', 'stop', 'sign-out'].map(middle),
      );
      expect([deploy?.y, stop?.y, signOut?.y]).toEqual([first?.y, first?.y, first?.y]);
      expect(deploy?.x).toBeGreaterThan(1366 / 2);
      const overflow = await page
        .locator('.toolbar')
        .evaluate((t) => t.scrollWidth - t.clientWidth);
      expect(overflow).toBe(0);
      expect(await text('deploy-progress')).toMatch(/running on 3 agents/i);
      // Fitted to this width, the template is still shown in full: values, sparklines, badges.
      await page.locator('.react-flow__controls-fitview').click();
      await page.waitForTimeout(400);
      expect(await page.locator('.canvas').getAttribute('data-detail')).toBe('full');
    } finally {
      await page.setViewportSize({ width: 1600, height: 1000 });
    }
    await threshold(THRESHOLD);
    await byId('undeployed-changes').waitFor({ state: 'detached' });
  });

  it('zoomed out, keeps each node to its label, value and colours, then a bar for its value; its handles stay on its edges', async () => {
    const card = await byId('node-impressions').boundingBox();
    const input = await byId('handle-impressions-in').boundingBox();
    const output = await byId('handle-impressions-out').boundingBox();
    if (!card || !input || !output) throw new Error('the impressions node is not on the canvas');
    // Centred on the card's left and right borders (the zoom scales the 1px tolerance too).
    expect(Math.abs(input.x + input.width / 2 - card.x)).toBeLessThan(2);
    expect(Math.abs(output.x + output.width / 2 - (card.x + card.width))).toBeLessThan(2);
    expect(await page.locator('.canvas').getAttribute('data-detail')).toBe('full');
    expect(await byId('node-type-impressions').isVisible()).toBe(true);
    const zoomOutTo = async (level: string) => {
      const detail = () => page.locator('.canvas').getAttribute('data-detail');
      for (let i = 0; i < 8 && (await detail()) !== level; i++) {
        await page.locator('.react-flow__controls-zoomout').click();
      }
      expect(await detail()).toBe(level);
    };

    await zoomOutTo('low');
    expect(await byId('node-type-impressions').isVisible()).toBe(false);
    expect(await byId('live-value-impressions').isVisible()).toBe(true);
    expect(await byId('placement-stripe-impressions').isVisible()).toBe(true);
    await screenshot(page, '05b-zoomed-out');

    // Further out, where text would be under 4 px, a bar stands in for each value.
    await zoomOutTo('overview');
    expect(await byId('live-value-impressions').count()).toBe(0);
    expect(await byId('value-bar-impressions').isVisible()).toBe(true);
    expect(await byId('convergence-impressions').isVisible()).toBe(true);
    expect(await byId('placement-stripe-impressions').isVisible()).toBe(true);
    await screenshot(page, '05c-overview');
    await page.locator('.react-flow__controls-fitview').click();
    await expect.poll(() => page.locator('.canvas').getAttribute('data-detail')).toBe('full');
  });

  it('pokes a counter from the inspector and sees it on the canvas', async () => {
    await byId('node-impressions').click();
    await byId('poke').waitFor();
    await byId('poke-target').selectOption('client-1');
    await byId('poke-op').selectOption('apply-increment');
    await byId('poke-key').fill('rovio-1');
    await byId('poke-by').fill('5');
    await byId('poke-apply').click();
    await expect.poll(() => text('poke-result')).not.toBe('');
    await expect.poll(() => text('live-value-impressions'), { timeout: 10_000 }).toContain('5');
  });

  it('drives impressions through the API until every ad is gone, and the canvas follows', async () => {
    const ads = ADS.map((id) => ({ id, advertiser: id.startsWith('rovio') ? 'Rovio' : 'Riot' }));
    for (const advertiser of ['Rovio', 'Riot']) {
      const values = ads.filter((a) => a.advertiser === advertiser);
      await stack.ops(deploymentId, `${advertiser.toLowerCase()}Ads`, {
        op: { op: 'addAll', values },
      });
    }
    await stack.ops(deploymentId, 'contracts', {
      op: { op: 'addAll', values: ads.map((a) => ({ id: a.id })) },
    });
    await expect.poll(() => text('live-value-adsWithContracts'), { timeout: 10_000 }).toMatch(/4/);
    // The log sink's output reaches the canvas, as a debug node's last message does in Node-RED.
    await expect.poll(() => text('sink-output-adsLog'), { timeout: 10_000 }).toMatch(/advertiser/);
    const view = await stack.api.json<DeploymentView>('GET', `/api/deployments/${deploymentId}`);
    const runsLog = view.placement.nodes.adsLog ?? [];
    expect(view.sinks.adsLog?.[0]).toMatchObject({
      agent: expect.stringMatching(new RegExp(`^(${runsLog.join('|')})$`)),
      text: expect.stringContaining('advertiser'),
    });
    await screenshot(page, '06-ads-shown');
    for (const ad of ADS) {
      const ops = Array.from({ length: THRESHOLD }, () => impression(ad));
      expect(
        (await stack.ops(deploymentId, 'impressions', { ops, agent: 'client-2' })).status,
      ).toBe(202);
    }
    await expect
      .poll(() => text('live-value-adsWithContracts'), { timeout: 20_000 })
      .toMatch(/^0\b|empty/i);
    await expect.poll(() => text('live-value-rovioAds')).toMatch(/^0\b|empty/i);
    await expect.poll(() => text('convergence-impressions'), { timeout: 20_000 }).toMatch(/agree/i);
    // The headline shares its row with the badge alone: a map's total is shown whole.
    const headline = byId('live-value-impressions').locator('.live-headline');
    expect(await headline.textContent()).toMatch(/^Σ 40\d · 4 keys$/);
    expect(await headline.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await text('event-log')).toMatch(/removeAd/);
    await screenshot(page, '07-ads-removed');
  });

  it('shows a killed agent go offline, and its work placed on the others', async () => {
    expect(await text('agent-nodes-client-2')).toContain('gameClients');
    await stack.processes.get('client-2')?.kill();
    await expect.poll(() => text('agent-status-client-2'), { timeout: 20_000 }).toBe('offline');
    await expect.poll(() => text('event-log'), { timeout: 20_000 }).toMatch(/placed again/);
    // The log shows the agents' comings and goings alone once the other kinds are hidden.
    const shownKinds = () =>
      page
        .locator('[data-testid=event-log] li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind')));
    for (const group of ['deploys', 'placement', 'effects']) {
      await byId(`event-filter-${group}`).click();
    }
    expect(await byId('event-filter-placement').getAttribute('aria-pressed')).toBe('false');
    const agentsOnly = await shownKinds();
    expect(agentsOnly).toContain('agent-left');
    expect(agentsOnly.filter((k) => k !== 'agent-left' && k !== 'agent-joined')).toEqual([]);
    for (const group of ['deploys', 'placement', 'effects']) {
      await byId(`event-filter-${group}`).click();
    }
    expect(await shownKinds()).toContain('placement');
    const view = await stack.view(deploymentId);
    expect(view.placement.nodes.gameClients).toEqual(['client-1']);
    expect(view.placement.nodes.adsContracts).toEqual(['server-1']);
    await screenshot(page, '08-agent-offline');
  });

  it('deploys an edit in place of the running deployment, keeping the state of what did not change', async () => {
    const counted = await text('live-value-impressions');
    expect(counted).toMatch(/4 keys/);
    await byId('node-removeAd').click();
    await byId('param-threshold.n').fill(String(THRESHOLD / 2));
    await byId('deploy').click();
    // The progress said "Running" before the click too: what the redeploy kept is the sign of it.
    await expect
      .poll(() => text('deploy-kept'), { timeout: 20_000 })
      .toBe('Kept the state of 7 variables; none start empty');
    await expect.poll(() => text('deploy-progress'), { timeout: 20_000 }).toMatch(/running/i);
    expect(await byId('deploy-kept').getAttribute('title')).toContain('impressions');
    const deployments = await stack.api.json<Array<{ id: string; status: string }>>(
      'GET',
      '/api/deployments',
    );
    const redeployed = deployments.find((d) => d.status === 'running')?.id ?? '';
    expect(redeployed).not.toBe(deploymentId);
    expect(deployments.find((d) => d.id === deploymentId)?.status).toBe('stopped');
    await expect.poll(() => text('event-log')).toMatch(/kept the state of 7 variables/);
    // The new deployment shows the counts of the old one, not an empty map.
    await expect.poll(() => text('live-value-impressions'), { timeout: 10_000 }).toBe(counted);
    // Nobody counted anything since: the trigger fires again on every ad, with its new threshold,
    // only because the trusted agent's own replica caught up with the carried counts.
    const view = await stack.converged(
      redeployed,
      (v) => v.effects.length === ADS.length,
      'refired',
    );
    expect(view.effects.every((e) => e.status === 'done' && e.holder === 'server-1')).toBe(true);
    // Removing ads that are already gone changed nothing, and broke nothing.
    expect(view.variables.rovioAds?.value).toEqual([]);
    expect(await text('live-value-rovioAds')).toMatch(/^0\b|empty/i);
    expect(await text('event-log')).not.toMatch(/could not run|cannot place/);
    await screenshot(page, '09-redeployed');
  });

  it('shows an element the trigger cannot judge as an error, and still removes the ads it can', async () => {
    const deployments = await stack.api.json<Array<{ id: string; status: string }>>(
      'GET',
      '/api/deployments',
    );
    const running = deployments.find((d) => d.status === 'running')?.id ?? '';
    // A string where the removal's `x.id == key` expects an ad: it cannot be judged.
    await stack.ops(running, 'rovioAds', {
      op: { op: 'addAll', values: ['rovio-typo', { id: 'rovio-9', advertiser: 'Rovio' }] },
    });
    const ops = Array.from({ length: THRESHOLD / 2 }, () => impression('rovio-9'));
    expect((await stack.ops(running, 'impressions', { ops, agent: 'client-1' })).status).toBe(202);
    await stack.converged(
      running,
      (v) => JSON.stringify(v.variables.rovioAds?.value) === '["rovio-typo"]',
      'rovio-9 removed, the typo kept',
    );
    await byId('event-filter-errors').waitFor({ timeout: 10_000 });
    // The log names the element, and the removal it skipped is a failed effect, not a done one.
    await expect
      .poll(() => text('event-log'), { timeout: 10_000 })
      .toMatch(
        /removeAd on server-1: effect failed: remove skipped an element of rovioAds it could not judge: .*id; element "rovio-typo"/,
      );
    const view = await stack.api.json<{ effects: Array<{ key: string; status: string }> }>(
      'GET',
      `/api/deployments/${running}`,
    );
    expect(view.effects.find((e) => e.key === 'rovio-9')?.status).not.toBe('done');
    // The node says so itself, and its inspector lists what the log said.
    await expect.poll(() => text('node-error-removeAd')).toMatch(/⚠ \d+ errors?/);
    await page.locator('.react-flow__node[data-id="removeAd"]').click();
    await expect.poll(() => text('node-errors')).toMatch(/element "rovio-typo"/);
    await screenshot(page, '10-runtime-error');
  });

  it('says so when the control plane goes away, and shows the deployment running again when it is back', async () => {
    expect(await byId('connection-lost').count()).toBe(0);
    const crashedAt = Date.now();
    await stack.crashControlPlane();
    await byId('connection-lost').waitFor({ timeout: 20_000 });
    expect(await text('connection-lost')).toMatch(/Lost the connection to the control plane/);
    expect(await byId('deploy-progress').getAttribute('data-stale')).toBe('true');
    await screenshot(page, '11-connection-lost');
    await stack.startControlPlane();
    await byId('connection-lost').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await byId('deploy-progress').getAttribute('data-stale')).toBe('false');
    await expect
      .poll(() => text('deploy-progress'), { timeout: 30_000 })
      .toMatch(/running on 2 agents/i);
    // The agents may be back before this editor is: the history it is then sent tells of them.
    const joinedSince = (tab: Page) =>
      tab
        .locator('[data-testid=event-log] li[data-kind=agent-joined]')
        .evaluateAll((lis) =>
          lis.map((li) => ({
            text: li.textContent,
            at: Date.parse(li.querySelector('time')?.getAttribute('datetime') ?? ''),
          })),
        )
        .then((joins) => joins.filter((j) => j.at >= crashedAt).map((j) => j.text));
    const serverBack = expect.stringContaining('server-1 connected');
    await expect.poll(() => joinedSince(page), { timeout: 10_000 }).toContainEqual(serverBack);
    // An editor opened only now, after the agents came back, is told of it all the same.
    const browser = page.context().browser();
    if (!browser) throw new Error('the page has no browser to open another from');
    const later = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    try {
      await signIn(later, stack.url, stack.adminToken);
      await expect.poll(() => joinedSince(later), { timeout: 10_000 }).toContainEqual(serverBack);
      // And of what happened before the crash: the control plane stored its event log.
      const log = later.getByTestId('event-log');
      expect(await log.textContent()).toMatch(/removeAd on server-1: .*id/);
    } finally {
      await later.close();
    }
  });
});
