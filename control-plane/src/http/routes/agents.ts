import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { listAgents } from '../../domain/agents.js';

export function agentRoutes(deps: Deps): Router {
  return Router().get('/api/agents', async (_req, res) => {
    res.json(await listAgents(deps.store, deps.sessions, deps.hub));
  });
}
