import react from '@vitejs/plugin-react';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('./peer/', import.meta.url));
const OUT = fileURLToPath(new URL('../../node_modules/.cache/bench-editor-peer/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

export interface PeerPage {
  /** The page's URL for `size` nodes whose labels change `hz` times a second (0: never). */
  url(size: number, hz: number): string;
  close(): Promise<void>;
}

/**
 * The peer of the editor benchmark: xyflow's stress example (bench/editor/peer), built with the
 * same Vite and React the editor uses and served on loopback.
 */
export async function startPeerPage(): Promise<PeerPage> {
  await build({
    root: ROOT,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: OUT, emptyOutDir: true },
  });
  const server: Server = createServer((req, res) => {
    const path = normalize(join(OUT, new URL(req.url ?? '/', 'http://peer').pathname));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(OUT)) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no peer server port');
  return {
    url: (size, hz) => `http://127.0.0.1:${address.port}/?size=${size}&hz=${hz}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
