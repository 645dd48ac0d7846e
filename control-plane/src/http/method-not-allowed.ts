import type { RequestHandler, Response, Router } from 'express';
import { AppError } from '../app-error.js';

// What the routes that matched a request's path (but not its method) answer, gathered across
// every router the request passed through: `/api/graphs/validate` is also `/api/graphs/:id`.
const allowedFor = new WeakMap<Response, Set<string>>();

/** Each path of `router`'s routes with the methods they answer (HEAD with GET, as express does). */
function methodsByPath(router: Router): Map<string, Set<string>> {
  const byPath = new Map<string, Set<string>>();
  for (const layer of router.stack) {
    const route = layer.route;
    if (!route) continue;
    const methods = byPath.get(route.path) ?? new Set<string>();
    for (const { method } of route.stack) {
      // `.all` layers have no method: they answer everything, so there is nothing to refuse.
      if (typeof method !== 'string') continue;
      methods.add(method.toUpperCase());
      if (method === 'get') methods.add('HEAD');
    }
    byPath.set(route.path, methods);
  }
  return byPath;
}

/**
 * Has `router` note, for a request no route of it answered, the methods its routes of that path
 * take, so that `methodNotAllowedHandler` can tell a wrong method from an unknown path. Call it
 * once the routes are defined.
 */
export function noteAllowedMethods(router: Router): Router {
  for (const [path, methods] of methodsByPath(router)) {
    router.all(path, (_req, res, next) => {
      const allowed = allowedFor.get(res) ?? new Set<string>();
      for (const method of methods) allowed.add(method);
      allowedFor.set(res, allowed);
      next();
    });
  }
  return router;
}

/** A 405 with `Allow` for a known path asked with a method none of its routes takes. */
export function methodNotAllowedHandler(): RequestHandler {
  return (req, res, next) => {
    const allowed = allowedFor.get(res);
    if (!allowed || allowed.size === 0) {
      next();
      return;
    }
    const list = [...allowed].sort().join(', ');
    res.setHeader('Allow', list);
    throw new AppError(405, `${req.method} is not allowed on ${req.path}; it takes ${list}`, {
      allow: [...allowed].sort(),
    });
  };
}
