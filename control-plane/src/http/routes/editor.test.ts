import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, withAdminToken, type TestServer } from '../../testing/test-server.js';

let built: TestServer;
let unbuilt: TestServer;
beforeAll(async () => {
  const editorDir = await mkdtemp(join(tmpdir(), 'inflow-editor-'));
  await mkdir(join(editorDir, 'assets'));
  await writeFile(join(editorDir, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(join(editorDir, 'assets', 'app-1a2b.js'), 'console.log(1)');
  built = await startTestServer({ ...withAdminToken, editorDir });
  unbuilt = await startTestServer({ ...withAdminToken, editorDir: join(editorDir, 'missing') });
});
afterAll(async () => {
  await built.dispose();
  await unbuilt.dispose();
});

const page = (t: TestServer, path: string) =>
  fetch(`${t.url}${path}`, { headers: { accept: 'text/html' } });

describe('the editor at /', () => {
  it('serves index.html, uncached, for / and for the editor’s own routes', async () => {
    for (const path of ['/', '/graphs/g_1']) {
      const res = await page(built, path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets cached for good', async () => {
    const res = await fetch(`${built.url}/assets/app-1a2b.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('leaves the API, the status pages and missing assets to the server', async () => {
    expect((await page(built, '/api/graphs')).status).toBe(401);
    expect(await (await page(built, '/status')).text()).toContain('action="/status/login"');
    const missing = await fetch(`${built.url}/assets/nope.js`, { headers: { accept: '*/*' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/json/);
  });

  it('says how to build the editor when it is not built', async () => {
    const res = await page(unbuilt, '/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build -w editor');
  });
});
