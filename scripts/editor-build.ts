import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './local-stack.js';

export const EDITOR_DIST = join(ROOT, 'editor', 'dist');

/** The newest modification time under `dir`, or 0 when it does not exist. */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Builds the editor (`vite build`) when `editor/dist` is missing or older than the sources it is
 * built from (the editor's, shared-core's and this recipe), so the control plane serves the
 * current editor. Always a production build: callers may run under NODE_ENV=test (Vitest sets
 * it), which would give React's development build, several times slower on a large canvas.
 */
export function ensureEditorBuilt(log: (line: string) => void = () => {}): void {
  const index = join(EDITOR_DIST, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newest(join(ROOT, 'editor', 'src')),
    newest(join(ROOT, 'shared-core', 'src')),
    statSync(join(ROOT, 'editor', 'index.html')).mtimeMs,
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );
  if (built >= sources) return;
  log('[inflow] building the editor (vite build) ...');
  const result = spawnSync('npm', ['run', 'build', '-w', 'editor', '--silent'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    throw new Error(`building the editor failed:\n${result.stdout}\n${result.stderr}`);
  }
}
