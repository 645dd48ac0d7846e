import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack } from '../system/stack.js';
import {
  dragWire,
  editorPage,
  exportedGraph,
  launchBrowser,
  screenshot,
  signIn,
} from './browser.js';

// The canvas's right-click menus and wires dropped on empty canvas, in headless Chromium against a
// real control plane, on a small pipeline drawn from the palette.

let stack: Stack;
let browser: Browser;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  stack = await Stack.start();
  browser = await launchBrowser();
  ({ page, consoleErrors } = await editorPage(browser));
  await signIn(page, stack.url, stack.adminToken);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

const byId = (id: string) => page.getByTestId(id);
const nodes = () => page.locator('.react-flow__node');
const edges = () => page.locator('.react-flow__edge');
const exported = () => exportedGraph(page);

describe('the canvas menus', () => {
  it('starts from a set wired into a union, and a counter, dropped from the palette', async () => {
    const canvas = byId('canvas');
    for (const [item, x, y] of [
      ['palette-variable-orset', 200, 150],
      ['palette-variable-gcounter', 200, 450],
      ['palette-operator-union', 650, 300],
    ] as const) {
      await byId(item).dragTo(canvas, { targetPosition: { x, y } });
    }
    await expect.poll(() => nodes().count()).toBe(3);
    await dragWire(page, 'handle-orset1-out', 'handle-union1-left');
    await expect.poll(() => edges().count()).toBe(1);
  });

  it('duplicates a node, adds one at the pointer and deletes an edge from the right-click menus', async () => {
    const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
    const ids = () => nodes().evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    const focused = () => page.locator(':focus');
    const focusedTestId = () => focused().getAttribute('data-testid');
    const before = await ids();
    const gcounter = before.find((id) => id.startsWith('gcounter'));
    if (!gcounter) throw new Error(`no gcounter among ${before.join(', ')}`);

    await node(gcounter).click({ button: 'right' });
    await byId('context-menu').waitFor();
    expect(await page.getByRole('menu').getAttribute('aria-label')).toBe(`Actions for ${gcounter}`);
    expect(await focusedTestId()).toBe('context-menu-inspect');
    await screenshot(page, '04b-context-menu-node');
    await byId('context-menu-duplicate').click();
    await expect.poll(() => nodes().count()).toBe(4);
    expect(await byId('context-menu').count()).toBe(0);
    const copy = (await ids()).find((id) => !before.includes(id));
    const doc = (await exported()) as {
      nodes: { id: string; position: { x: number; y: number } }[];
    };
    const at = (id: string | undefined) => doc.nodes.find((n) => n.id === id)?.position;
    const original = at(gcounter);
    expect(copy).toMatch(/^gcounter/);
    expect(at(copy)).toEqual({ x: (original?.x ?? 0) + 40, y: (original?.y ?? 0) + 40 });

    // Near the bottom of the window, so the menu has to open upwards to stay inside it.
    const box = await byId('canvas').boundingBox();
    if (!box) throw new Error('no canvas');
    const pointer = {
      x: Math.round(box.x + box.width / 2),
      y: Math.round(box.y + box.height - 30),
    };
    const inWindow = async () => {
      const menu = await byId('context-menu').boundingBox();
      if (!menu) throw new Error('no menu box');
      expect(menu.y).toBeGreaterThanOrEqual(0);
      expect(menu.y + menu.height).toBeLessThanOrEqual(1000);
      return menu;
    };
    await page.mouse.click(pointer.x, pointer.y, { button: 'right' });
    await byId('context-menu').waitFor();
    const menu = await inWindow();
    expect(menu.y + menu.height).toBeLessThanOrEqual(pointer.y + 1);
    await byId('context-menu-add-node').click();
    await byId('context-menu-add-filter').fill('maxi');
    await byId('context-menu-add-variable-maxint').waitFor();
    await inWindow();
    await screenshot(page, '04c-context-menu-add-node');
    await page.keyboard.press('Enter');
    await expect.poll(() => nodes().count()).toBe(5);
    const added = (await ids()).find((id) => id.startsWith('maxint'));
    if (!added) throw new Error('no maxint node added');
    const addedBox = await node(added).boundingBox();
    expect(Math.abs((addedBox?.x ?? 0) - pointer.x)).toBeLessThan(2);
    expect(Math.abs((addedBox?.y ?? 0) - pointer.y)).toBeLessThan(2);

    // From the keyboard: Shift+F10 on a focused node, the arrows, and Escape back to the node.
    await node(added).focus();
    await page.keyboard.press('Shift+F10');
    await byId('context-menu').waitFor();
    expect(await focusedTestId()).toBe('context-menu-inspect');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId()).toBe('context-menu-centre');
    await page.keyboard.press('Escape');
    expect(await byId('context-menu').count()).toBe(0);
    expect(await focused().getAttribute('data-id')).toBe(added);

    await edges().first().click({ button: 'right' });
    await byId('context-menu-delete').click();
    await expect.poll(() => edges().count()).toBe(0);
    expect(await nodes().count()).toBe(5);
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('offers the types that can take a wire dropped on empty canvas, and wires the one chosen', async () => {
    const box = await byId('canvas').boundingBox();
    if (!box) throw new Error('no canvas');
    const drop = { x: Math.round(box.x + 450), y: Math.round(box.y + 80) };
    await dragWire(page, 'handle-orset1-out', drop);
    await byId('context-menu').waitFor();
    const filter = byId('context-menu-add-filter');
    expect(await filter.getAttribute('aria-label')).toBe('Filter the types that can take the wire');
    expect(await page.locator(':focus').getAttribute('data-testid')).toBe(
      'context-menu-add-filter',
    );
    // A set's wire goes into an operator that takes sets, not into a counter.
    expect(await byId('context-menu-add-operator-filter').count()).toBe(1);
    expect(await byId('context-menu-add-variable-gcounter').count()).toBe(0);
    await screenshot(page, '04d-wire-dropped-on-canvas');
    await filter.fill('filt');
    await page.keyboard.press('Enter');
    await expect.poll(() => edges().count()).toBe(1);
    const doc = (await exported()) as {
      nodes: { id: string; type: string }[];
      edges: { source: string; sourceHandle: string; target: string; targetHandle: string }[];
    };
    const added = doc.nodes.find((n) => n.type === 'filter');
    expect(doc.edges).toEqual([
      expect.objectContaining({
        source: 'orset1',
        sourceHandle: 'out',
        target: added?.id,
        targetHandle: 'in',
      }),
    ]);
    const addedBox = await page.locator(`.react-flow__node[data-id="${added?.id}"]`).boundingBox();
    expect(Math.abs((addedBox?.x ?? 0) - drop.x)).toBeLessThan(2);
    // One undo takes back the node and its wire together.
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodes().count()).toBe(5);
    expect(await edges().count()).toBe(0);
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('pastes at the pointer, and keeps the canvas its size as problems come and go', async () => {
    const union = page.locator('.react-flow__node[data-id="union1"]');
    await union.click();
    await page.keyboard.press('Control+c');
    await expect.poll(() => byId('status').textContent()).toBe('Copied 1 node');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await expect.poll(() => nodes().count()).toBe(0);
    expect(await byId('problems-count').textContent()).toBe('none: the graph is valid');
    const before = await byId('canvas').boundingBox();
    if (!before) throw new Error('no canvas');

    const pointer = { x: Math.round(before.x + 300), y: Math.round(before.y + 200) };
    await page.mouse.move(pointer.x, pointer.y);
    await page.keyboard.press('Control+v');
    await expect.poll(() => nodes().count()).toBe(1);
    expect(await byId('status').textContent()).toBe('Pasted 1 node');
    const pasted = await nodes().first().boundingBox();
    expect(Math.abs((pasted?.x ?? 0) - pointer.x)).toBeLessThan(2);
    expect(Math.abs((pasted?.y ?? 0) - pointer.y)).toBeLessThan(2);
    // A union with nothing wired in has problems now; the list under the canvas must not grow.
    expect(Number(await byId('problems-count').textContent())).toBeGreaterThan(0);
    expect(await byId('canvas').boundingBox()).toEqual(before);
    await screenshot(page, '04e-pasted-at-the-pointer');

    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodes().count()).toBe(5);
    expect(await byId('canvas').boundingBox()).toEqual(before);
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
