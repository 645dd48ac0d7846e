import type { Logger } from 'pino';
import type { AuthLimiter } from './auth-limiter.js';
import type { Store } from './data/store.js';
import type { AdminAuth } from './domain/auth.js';
import type { Hub } from './hub/hub.js';
import type { LiveFeed } from './hub/live-feed.js';
import type { Metrics } from './metrics.js';
import type { AgentSessionRegistry } from './sockets/agent-session-registry.js';

/** What the HTTP app and the socket namespaces share, built once by `start`. */
export interface Deps {
  store: Store;
  admin: AdminAuth;
  limiter: AuthLimiter;
  sessions: AgentSessionRegistry;
  hub: Hub;
  feed: LiveFeed;
  metrics: Metrics;
  logger: Logger;
  /** Exact origins allowed besides the server's own (INFLOW_CORS_ORIGINS). */
  corsOrigins: readonly string[];
  bodyLimitBytes: number;
  /** The built editor's files, served at `/`. */
  editorDir: string;
}
