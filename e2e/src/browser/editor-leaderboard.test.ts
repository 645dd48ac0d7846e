import type { DeploymentView } from '@inflow/shared-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../system/stack.js';
import { screenshot } from './browser.js';
import { openThreeAgentEditor, type ThreeAgentEditor } from './three-agent-editor.js';

// The leaderboard deployed from the editor onto three real agent processes: finished games poked
// into each client's own scores (a variable local to each agent, so poked at an agent, never at
// the hub), folded into each client's top 3 there and merged into the global top 3 on the canvas.

const GAMES: ReadonlyArray<[agent: string, player: string, score: number]> = [
  ['client-1', 'ann', 10],
  ['client-1', 'bob', 30],
  ['client-1', 'eve', 5],
  ['client-2', 'cy', 20],
  ['client-2', 'dee', 50],
  ['client-2', 'fay', 1],
];

let editor: ThreeAgentEditor;
let stack: Stack;
let page: Page;

beforeAll(async () => {
  editor = await openThreeAgentEditor();
  ({ stack, page } = editor);
}, 120_000);
afterAll(() => editor?.close());

const byId = (id: string) => editor.byId(id);
const text = (id: string) => editor.text(id);

describe('the leaderboard run from the editor', () => {
  it('takes games poked into each client, and shows the global top 3 on the canvas', async () => {
    await byId('template-leaderboard').click();
    await byId('deploy').click();
    await expect.poll(() => text('deploy-progress'), { timeout: 20_000 }).toMatch(/running/i);

    // A user starts from where the games come in: the source points to what it feeds.
    await byId('node-players').click();
    await byId('source-feeds-scores').click();
    expect(await text('live-local-scores')).toBe('local to each agent');
    expect(await text('poke-local')).toMatch(/^Local to each agent/);
    expect(await byId('poke-derived').count()).toBe(0);
    expect(await byId('poke-target').locator('option').allTextContents()).toEqual([
      'client-1',
      'client-2',
    ]);
    for (const [agent, player, score] of GAMES) {
      await byId('poke-target').selectOption(agent);
      await byId('poke-op').selectOption('add');
      await byId('poke-value').fill(JSON.stringify({ player, score }));
      await byId('poke-apply').click();
      await expect.poll(() => text('poke-result')).toBe(`Applied 1 operation at ${agent}`);
    }

    await expect
      .poll(() => text('live-value-leaderboard'), { timeout: 15_000 })
      .toContain('1. dee 50, 2. bob 30, 3. cy 20');
    expect(await text('live-value-leaderboard')).toMatch(/^top 3/);
    await expect.poll(() => text('convergence-leaderboard'), { timeout: 10_000 }).toBe('agree');

    // The hub keeps no copy of the scores: each agent reports its own, on the node and inspector.
    for (const agent of ['client-1', 'client-2']) {
      const mine = GAMES.filter(([a]) => a === agent).map(([, player]) => player);
      await expect
        .poll(() => text(`inspector-copy-scores-${agent}`), { timeout: 10_000 })
        .toMatch(new RegExp(`^${agent}: 3 elements: `));
      const copy = await text(`inspector-copy-scores-${agent}`);
      for (const player of mine) expect(copy).toContain(`"player":"${player}"`);
      expect(await text(`local-copy-scores-${agent}`)).toMatch(new RegExp(`^${agent}: 3 elements`));
    }
    // The fold is fed by the local scores: what flows in is measured from the reported copies.
    await expect.poll(() => text('throughput-localTop'), { timeout: 10_000 }).toMatch(/^in \d/);

    // The global top 3 is the fold's output: poking it is no way to try the pipeline, and it says
    // so; its example key is a player it holds.
    await byId('node-leaderboard').click();
    expect(await text('poke-derived')).toMatch(/^leaderboard is computed by Local top 3: /);
    expect(await byId('poke-key').getAttribute('placeholder')).toBe('dee');
    await screenshot(page, '10-leaderboard');
  });

  it('refuses an operation on a local variable at the hub, and says where it goes', async () => {
    const deployments = await stack.api.json<Array<{ id: string; status: string }>>(
      'GET',
      '/api/deployments',
    );
    const running = deployments.find((d) => d.status === 'running');
    if (!running) throw new Error('the leaderboard is not running');
    const game = { op: 'add', value: { player: 'gus', score: 99 } };
    const atHub = await stack.ops(running.id, 'scores', { op: game });
    expect(atHub.status).toBe(422);
    expect(((await atHub.json()) as { error: string }).error).toBe(
      '"scores" is local to each agent that holds it (dynamic), so the hub has no copy: ' +
        'name the agent to apply the operation at',
    );
    const atServer = await stack.ops(running.id, 'scores', { op: game, agent: 'server-1' });
    expect(atServer.status).toBe(422);
    expect(((await atServer.json()) as { error: string }).error).toBe(
      `agent "server-1" holds no replica of "scores" in this deployment`,
    );
    const view = await stack.api.json<DeploymentView>('GET', `/api/deployments/${running.id}`);
    expect(Object.keys(view.local)).toEqual(['scores']);
    const scores = view.local.scores;
    expect([scores?.type, scores?.agents]).toEqual(['awset', ['client-1', 'client-2']]);
    const players = (agent: string) => {
      const copy = scores?.values[agent];
      const games = copy && 'value' in copy ? (copy.value as Array<{ player: string }>) : [];
      return games.map((g) => g.player).sort();
    };
    expect(players('client-1')).toEqual(['ann', 'bob', 'eve']);
    expect(players('client-2')).toEqual(['cy', 'dee', 'fay']);
  });

  it('opens the same graph, still running, after a reload, and lists it as running', async () => {
    const graphId = new URL(page.url()).searchParams.get('graph');
    expect(graphId).toMatch(/^g_/);
    expect(await page.title()).toBe('Leaderboard · Inflow');
    await page.reload();
    await byId('palette').waitFor();
    await expect
      .poll(() => text('live-value-leaderboard'), { timeout: 15_000 })
      .toContain('1. dee 50, 2. bob 30, 3. cy 20');
    expect(await text('graph-title')).toMatch(/^Leaderboard · rev 1/);
    await byId('open-graphs').click();
    expect(await text(`graph-running-${graphId}`)).toBe('Running');
    await byId('graph-list-close').click();
  });

  it('folds the side panels away in a narrow window, and back when it widens', async () => {
    const workspace = page.locator('.workspace');
    const folded = async () => [
      await workspace.getAttribute('data-palette'),
      await workspace.getAttribute('data-side'),
    ];
    expect(await folded()).toEqual(['shown', 'shown']);
    await page.setViewportSize({ width: 1000, height: 800 });
    await expect.poll(folded).toEqual(['hidden', 'shown']);
    await page.setViewportSize({ width: 760, height: 800 });
    await expect.poll(folded).toEqual(['hidden', 'hidden']);
    await byId('toggle-side').click();
    expect(await folded()).toEqual(['hidden', 'shown']);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await expect.poll(folded).toEqual(['shown', 'shown']);
  });

  it('stops the deployment and keeps its last values on the canvas, marked final', async () => {
    await byId('stop').click();
    await expect.poll(() => text('deploy-progress')).toBe('Stopped');
    await byId('final-leaderboard').waitFor();
    expect(await text('live-value-leaderboard')).toContain('1. dee 50, 2. bob 30, 3. cy 20');
    expect(await byId('convergence-leaderboard').count()).toBe(0);
    // The agents' own copies of the local variable stay too, as they last reported them, and
    // the sink's last line.
    expect(await text('sink-output-leaderboardLog')).toContain('dee');
    expect(await text('live-local-scores')).toBe('local to each agent · final');
    for (const agent of ['client-1', 'client-2']) {
      expect(await text(`local-copy-scores-${agent}`)).toMatch(new RegExp(`^${agent}: 3 elements`));
    }
    await screenshot(page, '12-stopped-final');
  });
});
