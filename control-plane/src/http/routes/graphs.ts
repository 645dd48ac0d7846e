import { Router } from 'express';
import type { Deps } from '../../deps.js';
import {
  checkGraph,
  createGraph,
  deleteGraph,
  getGraphDocument,
  listGraphs,
  updateGraph,
} from '../../domain/graphs.js';
import { requireBody } from '../json-body.js';

/** The rev of the graph a GET returned (the body is the bare exportable document). */
export const REV_HEADER = 'Inflow-Rev';

export function graphRoutes(deps: Deps): Router {
  const { store } = deps;
  return Router()
    .post('/api/graphs/validate', (req, res) => {
      res.json(checkGraph(requireBody(req)));
    })
    .get('/api/graphs', async (_req, res) => {
      res.json(await listGraphs(store));
    })
    .post('/api/graphs', async (req, res) => {
      const created = await createGraph(store, requireBody(req));
      res.status(201).location(`/api/graphs/${created.id}`).json(created);
    })
    .get('/api/graphs/:id', async (req, res) => {
      const { rev, document } = await getGraphDocument(store, req.params.id, req.query.rev);
      res.set(REV_HEADER, String(rev)).type('application/json').send(document);
    })
    .put('/api/graphs/:id', async (req, res) => {
      res.json(await updateGraph(store, req.params.id, requireBody(req)));
    })
    .delete('/api/graphs/:id', async (req, res) => {
      await deleteGraph(store, req.params.id);
      res.status(204).end();
    });
}
