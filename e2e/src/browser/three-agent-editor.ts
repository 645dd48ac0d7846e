import type { Browser, Locator, Page } from 'playwright-core';
import { CLIENT, SERVER, Stack } from '../system/stack.js';
import { launchBrowser, signIn } from './browser.js';

/** A control plane with the three agent processes `npm start` runs, and its editor signed in. */
export interface ThreeAgentEditor {
  stack: Stack;
  page: Page;
  byId(testId: string): Locator;
  /** The text of the element with that test id ('' when it has none). */
  text(testId: string): Promise<string>;
  close(): Promise<void>;
}

export async function openThreeAgentEditor(
  options: { graceMs?: number } = {},
): Promise<ThreeAgentEditor> {
  const stack = await Stack.start(options);
  let browser: Browser | undefined;
  try {
    await stack.startProcess({ name: 'client-1', labels: CLIENT });
    await stack.startProcess({ name: 'client-2', labels: CLIENT });
    await stack.startProcess({ name: 'server-1', labels: SERVER, trusted: true });
    await stack.online(['client-1', 'client-2', 'server-1']);
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // Actions that would drop unsaved changes ask first (editor/README.md).
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, stack.url, stack.adminToken);
    const opened = browser;
    const byId = (testId: string) => page.getByTestId(testId);
    return {
      stack,
      page,
      byId,
      text: async (testId) => (await byId(testId).textContent()) ?? '',
      close: async () => {
        await opened.close();
        await stack.dispose();
      },
    };
  } catch (error) {
    await browser?.close();
    await stack.dispose();
    throw error;
  }
}
