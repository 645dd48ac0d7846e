// Installs the workspace's dependencies when they are missing or older than the lockfile,
// so that `npm start` and `npm test` work on a fresh clone with nothing else typed.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale =
  !existsSync(marker) ||
  (existsSync('package-lock.json') &&
    statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs);

if (stale) {
  const command = existsSync('package-lock.json') ? 'npm ci' : 'npm install';
  console.log(`[inflow] installing dependencies (${command}) ...`);
  execSync(`${command} --no-audit --no-fund`, { stdio: 'inherit' });
}
