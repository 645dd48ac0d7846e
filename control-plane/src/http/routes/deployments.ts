import { Router } from 'express';
import type { Deps } from '../../deps.js';
import {
  applyOperation,
  deployDocument,
  deployGraph,
  getDeployment,
  listDeployments,
  stopDeployment,
} from '../../domain/deployments.js';
import { requireBody } from '../json-body.js';

export function deploymentRoutes(deps: Deps): Router {
  const { store, hub } = deps;
  return Router()
    .post('/api/graphs/:id/deploy', async (req, res) => {
      const deployed = await deployGraph(store, hub, req.params.id, requireBody(req));
      res.status(202).location(`/api/deployments/${deployed.deploymentId}`).json(deployed);
    })
    .post('/api/deployments', async (req, res) => {
      const deployed = await deployDocument(store, hub, requireBody(req));
      res.status(202).location(`/api/deployments/${deployed.deploymentId}`).json(deployed);
    })
    .get('/api/deployments', async (_req, res) => {
      res.json(await listDeployments(store));
    })
    .get('/api/deployments/:id', async (req, res) => {
      res.json(await getDeployment(store, hub, req.params.id));
    })
    .delete('/api/deployments/:id', async (req, res) => {
      await stopDeployment(store, hub, req.params.id);
      res.status(204).end();
    })
    .post('/api/deployments/:id/variables/:nodeId/ops', async (req, res) => {
      const { id, nodeId } = req.params;
      res.status(202).json(await applyOperation(store, hub, id, nodeId, requireBody(req)));
    });
}
