import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Deps } from '../deps.js';
import { originAllowed } from '../origins.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { jsonBody } from './json-body.js';
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
  app.use(healthRoutes());
  app.use(metricsRoutes(deps));
  app.use('/api', requireAdmin(deps), ...jsonBody(deps.bodyLimitBytes));
  app.use(agentRoutes(deps));
  app.use(agentTokenRoutes(deps));
  app.use(graphRoutes(deps));
  app.use(deploymentRoutes(deps));
  app.use(eventRoutes(deps));
  app.use('/status', homeRoutes(deps));
  app.use(editorRoutes(deps));
  app.use(notFoundHandler());
  app.use(errorHandler(deps));
  return app;
}
