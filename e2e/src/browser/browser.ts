import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from '../../../scripts/local-stack.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

/**
 * Debian's Chromium, installed when missing (the test set-up runs as root on a Debian machine
 * whose only package source is Debian's own); a browser tool's download of its own browser
 * cannot work here.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  try {
    execSync('apt-get update -qq && apt-get install -y -qq chromium', {
      stdio: 'pipe',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 10 * 60_000,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Chromium is missing at ${CHROMIUM} and apt-get could not install it: ${detail}`,
    );
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get ran, but there is still no ${CHROMIUM}`);
}

/** Headless Chromium with no network of its own beyond the pages it is sent to. */
export async function launchBrowser(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page of its own for the editor at 1600×1000 that accepts every `confirm` (actions that
 * would drop unsaved changes ask first) and keeps what it asked and the console's errors.
 */
export async function editorPage(
  browser: Browser,
): Promise<{ page: Page; dialogs: string[]; consoleErrors: string[] }> {
  const page = await browser.newPage({
    acceptDownloads: true,
    viewport: { width: 1600, height: 1000 },
  });
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  page.on('dialog', (d) => void d.accept().then(() => dialogs.push(d.message())));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  return { page, dialogs, consoleErrors };
}

/** The centre of the element with that test id, in window coordinates. */
async function centreOf(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`no element ${testId} on the page`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses on a handle and releases on another handle or at a window point, as a user drags a wire. */
export async function dragWire(
  page: Page,
  handle: string,
  to: string | { x: number; y: number },
): Promise<void> {
  const from = await centreOf(page, handle);
  const end = typeof to === 'string' ? await centreOf(page, to) : to;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 10 });
  await page.mouse.up();
}

/** Saves a screenshot of the page's current state as e2e/artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Signs the page in to the editor at `url`, and waits for the palette. */
export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('token-input').fill(token);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('palette').waitFor();
}

/** The open graph, exported through the toolbar's Import/Export menu (which closes on choosing). */
export async function exportedGraph(page: Page): Promise<unknown> {
  await page.getByTestId('import-export').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-file').click(),
  ]);
  expect(await page.getByTestId('import-export-menu').count()).toBe(0);
  expect(await page.getByTestId('status').textContent()).toBe(
    `Exported the graph as ${download.suggestedFilename()}`,
  );
  return JSON.parse(await readFile(await download.path(), 'utf8')) as unknown;
}
