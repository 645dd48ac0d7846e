import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../system/stack.js';
import { editorPage, launchBrowser, signIn } from './browser.js';
import { chainGraph } from './chain-graph.js';

// A graph of hundreds of nodes in headless Chromium against a real control plane: what the
// canvas renders as it opens, as a node is found, and zoomed out to the overview.

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await Stack.start();
  browser = await launchBrowser();
  ({ page } = await editorPage(browser));
  await signIn(page, stack.url, stack.adminToken);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

const byId = (id: string) => page.getByTestId(id);
const nodes = () => page.locator('.react-flow__node');
const edges = () => page.locator('.react-flow__edge');

describe('a large graph in the editor', () => {
  it('renders only the nodes in view of a large graph shown in full detail, and finds one off screen', async () => {
    const size = 400;
    const graph = chainGraph(size, 'bench-1');
    const { id } = await stack.api.json<{ id: string }>('POST', '/api/graphs', graph);
    await page.goto(`${stack.url}/?graph=${id}`);
    // Too big to fit readable, it opens at its start, in full detail: the cards off screen are
    // not rendered, while the minimap still shows every node.
    await expect.poll(() => page.locator('.react-flow__minimap-node').count()).toBe(size);
    await expect.poll(() => page.locator('.canvas').getAttribute('data-detail')).toBe('full');
    await expect.poll(() => nodes().count()).toBeLessThan(size / 2);
    expect(await nodes().count()).toBeGreaterThan(0);
    expect(await byId('node-v0').count()).toBe(1);
    expect(await byId('node-v399').count()).toBe(0);

    // A node found off screen is brought into view, and rendered there.
    await page.keyboard.press('Control+f');
    await page.keyboard.type('v399');
    await byId('find-node-option-v399').waitFor();
    await page.keyboard.press('Enter');
    await byId('node-v399').waitFor();
    expect(await byId('inspector-id').inputValue()).toBe('v399');

    // Zoomed out to the whole graph, in the overview, every node is rendered again.
    await page.locator('.react-flow__controls-fitview').click();
    await expect.poll(() => page.locator('.canvas').getAttribute('data-detail')).toBe('overview');
    await expect.poll(() => nodes().count()).toBe(size);
    // There the edges are drawn as plain paths, not as React Flow's edges: one subpath each.
    // Per layer: the edges left alone, and those of the nodes being dragged.
    const layers = () =>
      page.evaluate<number[]>(
        `[...document.querySelectorAll('[data-testid="overview-edges"] svg')].map((svg) =>
          [...svg.querySelectorAll('path')]
            .reduce((n, p) => n + (p.getAttribute('d').match(/M/g) ?? []).length, 0))`,
      );
    await expect.poll(layers).toEqual([size - 1, 0]);
    expect(await edges().count()).toBe(0);

    // A node dragged there takes its two edges along, drawn apart while it moves and with the
    // rest once it is dropped.
    const drawing = () =>
      page.evaluate<string>(
        `[...document.querySelectorAll('[data-testid="overview-edges"] path')]
          .map((p) => p.getAttribute('d')).join()`,
      );
    const before = await drawing();
    const box = await byId('node-v200').boundingBox();
    if (!box) throw new Error('node v200 is not on the page');
    await page.mouse.move(box.x + box.width / 2, box.y + 3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + 43, { steps: 5 });
    await expect.poll(layers).toEqual([size - 3, 2]);
    await page.mouse.up();
    await expect.poll(layers).toEqual([size - 1, 0]);
    expect(await drawing()).not.toBe(before);
    // Zoomed in again, React Flow draws them.
    await page.locator('.react-flow__controls-zoomin').click();
    await page.locator('.react-flow__controls-zoomin').click();
    await page.locator('.react-flow__controls-zoomin').click();
    await expect
      .poll(() => page.locator('.canvas').getAttribute('data-detail'))
      .not.toBe('overview');
    await expect.poll(() => edges().count()).toBeGreaterThan(0);
    expect(await byId('overview-edges').count()).toBe(0);
  });
});
