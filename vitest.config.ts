import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '**/src/**/*.test.ts',
      '**/src/**/*.test.tsx',
      'examples/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 120_000,
    // Chromium (from Debian's packages when missing) and the editor build, once for all files.
    globalSetup: ['e2e/src/browser/global-setup.ts'],
  },
});
