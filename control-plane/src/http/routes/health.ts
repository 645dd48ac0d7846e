import { Router } from 'express';

/** Liveness for load balancers and `npm start`: no auth, no store access. */
export function healthRoutes(): Router {
  return Router().get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
}
