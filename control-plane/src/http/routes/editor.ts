import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import type { Deps } from '../../deps.js';

/** Paths that belong to the server, never to the editor's client-side routes. */
const SERVER_PATHS = /^\/(api|status|socket\.io|metrics|healthz)(\/|$)/;
/** A file name (a missing asset) is a 404, not the app. */
const FILE_PATH = /\.[A-Za-z0-9]+$/;

/**
 * The built editor at `/`: its hashed assets cached for good, and `index.html` (never cached)
 * for any other page a browser asks for, so the editor's own routes survive a reload.
 */
export function editorRoutes(deps: Deps): Router {
  const index = join(deps.editorDir, 'index.html');
  return Router()
    .use(express.static(deps.editorDir, { index: false, maxAge: '1y', immutable: true }))
    .use((req, res, next) => {
      const app = !SERVER_PATHS.test(req.path) && !FILE_PATH.test(req.path);
      if (req.method !== 'GET' || !app || !req.accepts('html')) {
        next();
        return;
      }
      if (!existsSync(index)) {
        res
          .status(503)
          .type('text')
          .send(
            `The editor is not built: run "npm run build -w editor" (npm start does it). ` +
              `The status page is at /status.`,
          );
        return;
      }
      res.set('Cache-Control', 'no-cache').sendFile(index);
    });
}
