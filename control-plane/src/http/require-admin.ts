import type { RequestHandler } from 'express';
import { AppError } from '../app-error.js';
import type { Deps } from '../deps.js';
import { authRefusal, bearerToken } from '../domain/auth.js';

/**
 * The admin token as `Authorization: Bearer <token>`. A client past the failed-auth limit is
 * refused with 429 before its token is looked at; each failure counts towards that limit.
 */
export function requireAdmin(deps: Deps): RequestHandler {
  return async (req, res, next) => {
    const wait = await deps.limiter.retryAfter('http', { ip: req.ip });
    if (wait !== undefined) {
      res.setHeader('Retry-After', String(wait));
      throw new AppError(
        429,
        `too many failed authentication attempts from this address; try again in ${wait} s`,
        { retryAfter: wait },
      );
    }
    const header = req.headers.authorization;
    if (deps.admin.verify(bearerToken(header))) {
      next();
      return;
    }
    await deps.limiter.recordFailure('http', { ip: req.ip });
    deps.metrics.authFailures.inc({ surface: 'http' });
    deps.logger.warn({ address: req.ip, url: req.originalUrl }, 'http auth failed');
    res.setHeader('WWW-Authenticate', 'Bearer realm="inflow"');
    throw new AppError(401, authRefusal(header));
  };
}
