import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDITOR_DIST, ensureEditorBuilt } from '../../../scripts/editor-build.js';

// Vitest runs with NODE_ENV=test, the environment the editor is built in for these tests and for
// `npm start` after them: the build must still be React's production build.
describe('the editor the control plane serves', () => {
  it('is a production build even when built under NODE_ENV=test', () => {
    expect(process.env.NODE_ENV).toBe('test');
    ensureEditorBuilt();
    const assets = join(EDITOR_DIST, 'assets');
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const code = readFileSync(join(assets, file), 'utf8');
      // The development JSX runtime and React's development warnings exist only in dev builds.
      expect(code).not.toContain('jsxDEV');
      expect(code).not.toContain('isReactWarning');
    }
  });
});
