import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Deps } from '../deps.js';
import { originAllowed } from '../origins.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { jsonBody } from './json-body.js';
import { methodNotAllowedHandler, noteAllowedMethods } from './method-not-allowed.js';
import { requestMetrics } from './request-metrics.js';
import { requireAdmin } from './require-admin.js';
import { agentTokenRoutes } from './routes/agent-tokens.js';
import { agentRoutes } from './routes/agents.js';
import { deploymentRoutes } from './routes/deployments.js';
import { graphRoutes, REV_HEADER } from './routes/graphs.js';
import { editorRoutes } from './routes/editor.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { homeRoutes } from './routes/home.js';
import { metricsRoutes } from './routes/metrics.js';

/**
 * The REST app. Everything under /api is authenticated before its body is read, so an
 * anonymous client cannot make the server parse (or buffer) anything.
 */
export function createApp(deps: Deps): Express {
  const app = express();
  app.set('trust proxy', false);
  app.use(helmet());
  app.use(requestMetrics(deps));
  app.use(
    cors((req, callback) => {
      const allowed = originAllowed(req.headers.origin, req.headers.host, deps.corsOrigins);
      callback(null, { origin: allowed, exposedHeaders: [REV_HEADER] });
    }),
  );
  app.use(noteAllowedMethods(healthRoutes()));
  app.use(noteAllowedMethods(metricsRoutes(deps)));
  app.use('/api', requireAdmin(deps), ...jsonBody(deps.bodyLimitBytes));
  app.use(noteAllowedMethods(agentRoutes(deps)));
  app.use(noteAllowedMethods(agentTokenRoutes(deps)));
  app.use(noteAllowedMethods(graphRoutes(deps)));
  app.use(noteAllowedMethods(deploymentRoutes(deps)));
  app.use(noteAllowedMethods(eventRoutes(deps)));
  app.use('/status', noteAllowedMethods(homeRoutes(deps)));
  app.use(editorRoutes(deps));
  app.use(methodNotAllowedHandler());
  app.use(notFoundHandler());
  app.use(errorHandler(deps));
  return app;
}
