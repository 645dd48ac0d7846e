import { ensureEditorBuilt } from '../../../scripts/editor-build.js';
import { ensureChromium } from './browser.js';

/**
 * Runs once before the test files (which run in parallel): installing Chromium or building the
 * editor from two files at once would race on apt's lock and on `editor/dist`.
 */
export default function setup(): void {
  ensureChromium();
  ensureEditorBuilt((line) => process.stdout.write(`${line}\n`));
}
