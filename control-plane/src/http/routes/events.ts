import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { listEvents } from '../../domain/events.js';

export function eventRoutes(deps: Deps): Router {
  return Router().get('/api/events', (req, res) => {
    res.json(listEvents(deps.feed, req.query.deployment));
  });
}
