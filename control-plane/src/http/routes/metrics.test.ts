import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, withAdminToken, type TestServer } from '../../testing/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(withAdminToken);
});
afterAll(() => t.dispose());

describe('GET /metrics', () => {
  it('when called with the admin token, then every control-plane metric is there, replication ones at 0', async () => {
    await t.api('/api/graphs');
    const res = await t.api('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^inflow_agents_online 0$/m);
    expect(text).toMatch(/^inflow_deltas_relayed_total 0$/m);
    expect(text).toMatch(/^inflow_bytes_relayed_total 0$/m);
    expect(text).toMatch(/^inflow_convergence_lag_seconds 0$/m);
    for (const surface of ['http', 'editor', 'agent']) {
      expect(text).toMatch(
        new RegExp(`^inflow_auth_failures_total\\{surface="${surface}"\\} 0$`, 'm'),
      );
    }
    expect(text).toMatch(
      /^inflow_http_requests_total\{method="GET",route="\/api\/graphs",status="200"\} 1$/m,
    );
    expect(text).toMatch(/^process_resident_memory_bytes /m);
  });

  it('when an unknown URL is requested, then it is counted under one "unmatched" route', async () => {
    await t.api('/api/graphs/g_x/nope');
    await t.api('/api/other/thing');
    const text = await (await t.api('/metrics')).text();
    expect(text).toMatch(/route="unmatched",status="404"\} 2$/m);
    expect(text).not.toMatch(/nope|other\/thing/);
  });

  it('when called without the admin token, then 401', async () => {
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(401);
  });
});
