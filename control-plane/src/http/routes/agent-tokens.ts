import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { createAgentToken, listAgentTokens, revokeAgentToken } from '../../domain/agent-tokens.js';

export function agentTokenRoutes(deps: Deps): Router {
  return Router()
    .get('/api/agent-tokens', async (_req, res) => {
      res.json(await listAgentTokens(deps.store));
    })
    .post('/api/agent-tokens', async (req, res) => {
      const created = await createAgentToken(deps.store, req.body);
      res.status(201).location(`/api/agent-tokens/${created.id}`).json(created);
    })
    .delete('/api/agent-tokens/:id', async (req, res) => {
      await revokeAgentToken(deps, req.params.id);
      res.status(204).end();
    });
}
