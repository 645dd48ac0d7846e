import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { listEvents } from '../../domain/events.js';

export function eventRoutes(deps: Deps): Router {
  return Router().get('/api/events', async (req, res) => {
    res.json(await listEvents(deps, req.query.deployment));
  });
}
