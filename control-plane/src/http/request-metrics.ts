import type { RequestHandler } from 'express';
import type { Deps } from '../deps.js';

/** Counts every answered request by its route pattern (not its URL, to bound the label set). */
export function requestMetrics(deps: Deps): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      const pattern: unknown = req.route?.path;
      const route = typeof pattern === 'string' ? pattern : 'unmatched';
      const status = String(res.statusCode);
      deps.metrics.httpRequests.inc({ method: req.method, route, status });
      const ms = Math.round(performance.now() - started);
      deps.logger.debug({ method: req.method, url: req.originalUrl, status, ms }, 'http');
    });
    next();
  };
}
