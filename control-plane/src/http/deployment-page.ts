import {
  formatRate,
  type DeploymentView,
  type HubEventMessage,
  type LocalValue,
} from '@inflow/shared-core';
import { html, layout, table } from './home-page.js';

const show = (value: unknown): string => {
  if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v && 'id' in v)) {
    return value.map((v) => String((v as { id: unknown }).id)).join(', ') || '(empty)';
  }
  return JSON.stringify(value);
};

const localValue = (reported: LocalValue | undefined) => {
  if (!reported) return html`<em>offline or not reported yet</em>`;
  if ('omittedBytes' in reported)
    return html`<em>too large to report (${reported.omittedBytes} bytes)</em>`;
  return html`<code>${show(reported.value)}</code>`;
};

/** How many of a deployment's events its page lists, newest first. */
const EVENTS_SHOWN = 20;

/**
 * One deployment, refreshed every second: where each node runs and why, each variable's value at
 * the hub and whether its replicas agree, the agents, the effects performed and its latest
 * events. The editor replaces it with a live canvas.
 */
export function renderDeployment(view: DeploymentView, events: readonly HubEventMessage[]): string {
  const running = view.status === 'running';
  // A stopped deployment's values are final, at the hub alone: nothing converges any more.
  const convergence = (v: DeploymentView['variables'][string]) =>
    running
      ? html`<td class="${v.agree ? 'on' : 'off'}">${v.inSync} of ${v.replicas}</td>`
      : html`<td>final (stopped)</td>`;
  const nodes = Object.entries(view.placement.nodes).map(
    ([node, agents]) =>
      html`<tr>
        <td>${node}</td>
        <td>${agents.join(', ')}</td>
        <td>${view.placement.explanations[node]?.summary ?? ''}</td>
      </tr>`,
  );
  const variables = Object.entries(view.variables).map(
    ([id, v]) =>
      html`<tr>
        <td>${id}</td>
        <td>${v.type}</td>
        <td><code>${show(v.value)}</code></td>
        ${convergence(v)}
      </tr>`,
  );
  // Declared dynamic: each agent keeps its own state and the hub none; shown as each reported it.
  const locals = Object.entries(view.local).map(
    ([id, v]) =>
      html`<tr>
        <td>${id}</td>
        <td>${v.type}</td>
        <td>
          ${v.agents.map((agent) => html`<div>${agent}: ${localValue(v.values[agent])}</div>`)}
        </td>
        <td>
          ${running ? 'not replicated: each agent keeps its own' : 'stopped: the hub keeps no copy'}
        </td>
      </tr>`,
  );
  const agents = view.agents.map(
    (a) =>
      html`<tr>
        <td>${a.name}</td>
        <td class="${a.online ? 'on' : 'off'}">${a.online ? 'online' : 'offline'}</td>
        <td>${a.nodes.join(', ')}</td>
        <td>${a.opsPerSecond.toFixed(0)}</td>
        <td>${a.unacked}</td>
      </tr>`,
  );
  const latest = events.slice(-EVENTS_SHOWN).reverse();
  const eventRows = latest.map((e) => {
    const at = new Date(e.at).toISOString();
    return html`<tr${e.kind === 'error' ? html` class="error"` : ''}>
      <td><time datetime="${at}">${at.slice(0, 19).replace('T', ' ')}</time></td>
      <td>${e.kind}</td>
      <td>${e.message}</td>
    </tr>`;
  });
  const done = view.effects.filter((e) => e.status === 'done');
  const link = (id: string) => html`<a href="/status/deployments/${id}"><code>${id}</code></a>`;
  const replaces = view.replaces === undefined ? '' : html`, replaces ${link(view.replaces)}`;
  const replacedBy =
    view.replacedBy === undefined ? '' : html`, replaced by ${link(view.replacedBy)}`;
  return layout(
    html`<p>
        <a href="/status">← all</a> · deployment <code>${view.id}</code> of graph
        <code>${view.graphId}</code> rev ${view.rev}: <strong>${view.status}</strong>, placement
        v${view.version}, estimated cross-agent traffic
        ${formatRate(view.placement.traffic ?? 0)}${replaces}${replacedBy}
      </p>
      ${view.problems.map((p) => html`<p class="error">${p.message}</p>`)}
      <h2>Variables</h2>
      ${table(['Variable', 'Type', 'Value at the hub', 'Replicas in sync'], [...variables, ...locals])}
      <h2>Placement</h2>
      ${table(['Node', 'Agents', 'Why'], nodes)}
      <h2>Agents</h2>
      ${
        running
          ? table(['Agent', 'State', 'Runs', 'Ops/s', 'Unacknowledged'], agents)
          : html`<p>none: it is stopped</p>`
      }
      <h2>Effects performed (${done.length})</h2>
      <p>${done.map((e) => `${e.node}(${e.key}) on ${e.holder}`).join(' · ') || 'none yet'}</p>
      <h2>Latest events</h2>
      ${eventRows.length === 0 ? html`<p>none kept</p>` : table(['When (UTC)', 'Kind', 'What'], eventRows)}`,
    running ? 1 : undefined,
  );
}
