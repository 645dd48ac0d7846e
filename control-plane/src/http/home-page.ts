import type { DeploymentSummary } from '@inflow/shared-core';
import type { AgentView } from '../domain/agents.js';
import type { GraphSummary } from '../domain/graphs.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Marks text as already-escaped HTML, so `html` does not escape it again. */
export class Html {
  constructor(readonly value: string) {}
}

/** A template tag that escapes every interpolated value unless it is `Html`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const parts = values.map((v) => {
    if (v instanceof Html) return v.value;
    if (Array.isArray(v))
      return v.map((x) => (x instanceof Html ? x.value : escapeHtml(String(x)))).join('');
    return escapeHtml(String(v ?? ''));
  });
  return new Html(strings.reduce((out, s, i) => out + s + (parts[i] ?? ''), ''));
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{text-align:left;padding:.3rem .6rem;
border-bottom:1px solid #ddd}code,pre{background:#f4f4f4;padding:.1rem .3rem}pre{padding:.6rem;
overflow-x:auto}.on{color:#080}.off{color:#999}.error{color:#b00}form.inline{display:inline}`;

/** A table with one row of headings above `rows` (each a `<tr>`). */
export function table(headings: readonly string[], rows: readonly Html[]): Html {
  return html`<table>
    <thead>
      <tr>
        ${headings.map((h) => html`<th>${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

/** A page; `refreshSeconds` reloads it on its own (live views without scripts). */
export function layout(body: Html, refreshSeconds?: number): string {
  const refresh =
    refreshSeconds === undefined
      ? ''
      : html`<meta http-equiv="refresh" content="${refreshSeconds}" />`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        ${refresh}
        <title>Inflow control plane</title>
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <style>
          ${new Html(STYLE)}
        </style>
      </head>
      <body>
        <h1>Inflow control plane</h1>
        ${body}
      </body>
    </html>`.value;
}

/** The sign-in page; `next` is the status page to go back to once signed in. */
export function renderSignIn(origin: string, form: { error?: string; next?: string } = {}): string {
  const { error, next } = form;
  return layout(
    html` <p>
        This page lists agents and graphs once you sign in with the admin token (printed by the
        control plane on its first start, or the value of <code>INFLOW_ADMIN_TOKEN</code>).
      </p>
      ${error ? html`<p class="error">${error}</p>` : ''}
      <form method="post" action="/status/login">
        <label
          >Admin token <input type="password" name="token" autocomplete="current-password" required
        /></label>
        ${next ? html`<input type="hidden" name="next" value="${next}" />` : ''}
        <button type="submit">Sign in</button>
      </form>
      <h2>Using the API</h2>
      <pre>
export INFLOW_ADMIN_TOKEN=…
curl -H "Authorization: Bearer $INFLOW_ADMIN_TOKEN" ${origin}/api/agents
curl -H "Authorization: Bearer $INFLOW_ADMIN_TOKEN" -H 'Content-Type: application/json' \\
     --data @examples/ad-counter.json ${origin}/api/graphs</pre>
      <p>Every route is described in <code>control-plane/API.md</code>.</p>`,
  );
}

export function renderNotFound(message: string): string {
  return layout(
    html`<p class="error">Not found: ${message}.</p>
      <p><a href="/status">Back to the status page</a></p>`,
  );
}

/** A deployment's graph by its name, with its id below; by its id alone once it is deleted. */
const graphCell = (name: string | undefined, id: string, rev: number): Html =>
  name === undefined
    ? html`<code>${id}</code> rev ${rev}`
    : html`<span title="${id}">${name}</span> rev ${rev}<br /><small><code>${id}</code></small>`;

export function renderDashboard(
  agents: AgentView[],
  graphs: GraphSummary[],
  deployments: DeploymentSummary[],
): string {
  const agentRows = agents.map(
    (a) =>
      html`<tr>
        <td>${a.name}</td>
        <td><code>${a.id}</code></td>
        <td class="${a.online ? 'on' : 'off'}">${a.online ? 'online' : 'offline'}</td>
        <td>
          ${Object.entries(a.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}
        </td>
        <td>${a.trusted ? 'yes' : 'no'}</td>
        <td>${a.lastSeen}</td>
        <td>${a.assigned.join(', ')}</td>
      </tr>`,
  );
  const graphNames = new Map(graphs.map((g) => [g.id, g.name]));
  const deploymentRows = deployments.map(
    (d) =>
      html`<tr>
        <td>
          <a href="/status/deployments/${d.id}"><code>${d.id}</code></a>
        </td>
        <td>${graphCell(graphNames.get(d.graphId), d.graphId, d.rev)}</td>
        <td class="${d.status === 'running' ? 'on' : 'off'}">${d.status}</td>
        <td>${d.version}</td>
        <td>${d.createdAt}</td>
      </tr>`,
  );
  const graphRows = graphs.map(
    (g) =>
      html`<tr>
        <td>${g.name}</td>
        <td><code>${g.id}</code></td>
        <td>${g.rev}</td>
        <td>${g.updatedAt}</td>
      </tr>`,
  );
  return layout(
    html` <form class="inline" method="post" action="/status/logout">
        <button type="submit">Sign out</button>
      </form>
      <h2>Agents (${agents.length})</h2>
      ${table(['Name', 'Id', 'State', 'Labels', 'Trusted', 'Last seen', 'Deployments'], agentRows)}
      <h2>Graphs (${graphs.length})</h2>
      ${table(['Name', 'Id', 'Rev', 'Updated'], graphRows)}
      <h2>Deployments (${deployments.length})</h2>
      ${table(['Id', 'Graph', 'Status', 'Placement version', 'Started'], deploymentRows)}`,
  );
}
