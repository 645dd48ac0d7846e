import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

export type AuthSurface = 'http' | 'editor' | 'agent';

/**
 * The control plane's Prometheus metrics, in a registry of its own (not prom-client's global
 * one) so several servers can run in one process, as the tests do. The replication metrics
 * exist from the start at 0 so dashboards and alerts can be built before the hub fills them.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const agentsOnline = new Gauge({
    name: 'inflow_agents_online',
    help: 'Agents connected to this control plane right now.',
    registers,
  });
  const authFailures = new Counter({
    name: 'inflow_auth_failures_total',
    help: 'Requests and connections refused for a missing, wrong or revoked token.',
    labelNames: ['surface'] as const,
    registers,
  });
  for (const surface of ['http', 'editor', 'agent'] satisfies AuthSurface[]) {
    authFailures.inc({ surface }, 0);
  }
  const httpRequests = new Counter({
    name: 'inflow_http_requests_total',
    help: 'HTTP requests answered, by method, matched route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const deltasRelayed = new Counter({
    name: 'inflow_deltas_relayed_total',
    help: 'Deltas the hub forwarded to replicas.',
    registers,
  });
  const bytesRelayed = new Counter({
    name: 'inflow_bytes_relayed_total',
    help: 'Encoded delta bytes the hub forwarded to replicas.',
    registers,
  });
  const convergenceLag = new Gauge({
    name: 'inflow_convergence_lag_seconds',
    help: 'How long the longest-lagging deployment has had deltas some replica has not acknowledged (sampled each second).',
    registers,
  });

  return {
    registry,
    agentsOnline,
    authFailures,
    httpRequests,
    deltasRelayed,
    bytesRelayed,
    convergenceLag,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
