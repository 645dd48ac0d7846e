import type { DeploymentView } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { renderDeployment } from './deployment-page.js';

const view = (extra: Partial<DeploymentView>): DeploymentView => ({
  id: 'd_b',
  graphId: 'g_1',
  rev: 2,
  status: 'running',
  version: 1,
  createdAt: new Date(0).toISOString(),
  placement: { nodes: {}, variables: {}, explanations: {}, rates: {}, traffic: 0 },
  problems: [],
  variables: {},
  local: {},
  sinks: {},
  agents: [],
  effects: [],
  ...extra,
});

describe('the status page of a deployment', () => {
  it('links the deployment it replaced and the one that replaced it', () => {
    const page = renderDeployment(
      view({ status: 'stopped', replaces: 'd_a', replacedBy: 'd_c' }),
      [],
    );
    expect(page).toContain(', replaces <a href="/status/deployments/d_a"><code>d_a</code></a>');
    expect(page).toContain(', replaced by <a href="/status/deployments/d_c"><code>d_c</code></a>');
  });

  it("lists a local variable with each agent's copy as it reported it", () => {
    const page = renderDeployment(
      view({
        local: {
          scores: {
            type: 'awset',
            agents: ['client-1', 'client-2', 'client-3'],
            values: { 'client-1': { value: ['<b>'] }, 'client-3': { omittedBytes: 20_000 } },
          },
        },
      }),
      [],
    );
    expect(page).toMatch(/<td>scores<\/td>\s*<td>awset<\/td>/);
    expect(page).toContain('<div>client-1: <code>[&quot;&lt;b&gt;&quot;]</code></div>');
    expect(page).toContain('<div>client-2: <em>offline or not reported yet</em></div>');
    expect(page).toContain('<div>client-3: <em>too large to report (20000 bytes)</em></div>');
    expect(page).toContain('not replicated: each agent keeps its own');
  });

  const counter = (inSync: number, agree: boolean) => ({
    type: 'gcounter',
    value: 7,
    replicas: 3,
    inSync,
    agree,
  });

  it("counts the hub's replica among those in sync as among the replicas", () => {
    const page = renderDeployment(view({ variables: { hits: counter(2, false) } }), []);
    expect(page).toContain('<td class="off">2 of 3</td>');
    const agreed = renderDeployment(view({ variables: { hits: counter(3, true) } }), []);
    expect(agreed).toContain('<td class="on">3 of 3</td>');
  });

  it('shows a stopped deployment as stopped: final values, no convergence, no agents', () => {
    const page = renderDeployment(
      view({
        status: 'stopped',
        variables: { hits: { ...counter(1, true), replicas: 1 } },
        local: { scores: { type: 'awset', agents: [], values: {} } },
      }),
      [],
    );
    expect(page).toMatch(/<td><code>7<\/code><\/td>\s*<td>final \(stopped\)<\/td>/);
    expect(page).not.toMatch(/ of \d/);
    expect(page).toContain('stopped: the hub keeps no copy');
    expect(page).toContain('<h2>Agents</h2>\n      <p>none: it is stopped</p>');
  });

  it('says nothing of either when there is none', () => {
    const page = renderDeployment(view({}), []);
    expect(page).not.toContain('replace');
    expect(page).toContain('<h2>Latest events</h2>\n      <p>none kept</p>');
  });

  it('lists its latest events, newest first, escaped, errors marked', () => {
    const events = Array.from({ length: 25 }, (_, i) => ({
      id: `p-${i + 1}`,
      at: Date.UTC(2026, 10, 21, 12, 0, i + 1),
      deployment: 'd_b',
      kind: i === 24 ? ('error' as const) : ('effect' as const),
      message: i === 24 ? 'removeAd on <server-1>: No such key: id' : `effect ${i + 1}`,
    }));
    const page = renderDeployment(view({}), events);
    const rows = [...page.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]);
    expect(rows).toHaveLength(20);
    expect(rows[0]).toBe('2026-11-21T12:00:25.000Z');
    expect(rows.at(-1)).toBe('2026-11-21T12:00:06.000Z');
    expect(page).toMatch(/<tr class="error">\s*<td><time datetime="2026-11-21T12:00:25.000Z">/);
    expect(page).toContain('2026-11-21 12:00:25</time>');
    expect(page).toContain('<td>removeAd on &lt;server-1&gt;: No such key: id</td>');
    expect(page.match(/class="error"/g)).toHaveLength(1);
    expect(page).not.toContain('effect 5<');
  });
});
