import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requireAdmin } from '../require-admin.js';

/** Prometheus text format, behind the admin token (scrape with `authorization.credentials`). */
export function metricsRoutes(deps: Deps): Router {
  return Router().get('/metrics', requireAdmin(deps), async (_req, res) => {
    const body = await deps.metrics.registry.metrics();
    res.type(deps.metrics.registry.contentType).send(body);
  });
}
