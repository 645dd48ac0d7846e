import { agentColour } from './agent-colours';
import { useLive } from './live-context';
import { formatNumber } from '../text/count';

interface AgentRow {
  name: string;
  online: boolean;
  labels: Record<string, string>;
  trusted: boolean;
  nodes: readonly string[] | undefined;
  opsPerSecond: number | undefined;
  unacked: number | undefined;
}

/**
 * Every agent the control plane knows: online or not, its labels, and, for the deployment shown,
 * the nodes it runs, its operations per second and its unacknowledged deltas.
 */
export function AgentsPanel() {
  const known = useLive((s) => s.agents);
  const inDeployment = useLive((s) => s.monitor.snapshot?.agents);
  const linkState = useLive((s) => s.link.state);
  const linkMessage = useLive((s) => s.link.message);
  const byName = new Map<string, AgentRow>();
  for (const a of known) {
    byName.set(a.name, { ...a, nodes: undefined, opsPerSecond: undefined, unacked: undefined });
  }
  for (const a of inDeployment ?? []) {
    const info = byName.get(a.name);
    byName.set(a.name, {
      name: a.name,
      labels: info?.labels ?? {},
      trusted: info?.trusted ?? false,
      online: a.online,
      nodes: a.nodes,
      opsPerSecond: a.opsPerSecond,
      unacked: a.unacked,
    });
  }
  const rows = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className="live-panel" aria-label="Agents" data-testid="agents-panel">
      <h3>
        Agents{' '}
        <span
          className={`live-link link-${linkState}`}
          data-testid="live-link"
          data-state={linkState}
          title={linkMessage}
        >
          {linkState === 'online' ? 'live' : linkState}
        </span>
      </h3>
      {rows.length === 0 && <p className="hint">No agent has connected yet.</p>}
      <ul className="live-agents-list">
        {rows.map((a) => (
          <li
            key={a.name}
            data-testid={`agent-${a.name}`}
            data-online={a.online}
            className={a.online ? 'is-online' : 'is-offline'}
          >
            <div className="live-agent-head">
              <span
                className="live-swatch"
                style={{ background: agentColour(a.name) }}
                aria-hidden="true"
              />
              <strong>{a.name}</strong>
              <span className="live-online" data-testid={`agent-status-${a.name}`}>
                {a.online ? 'online' : 'offline'}
              </span>
              {a.trusted && <span className="live-tag">trusted</span>}
            </div>
            {Object.keys(a.labels).length > 0 && (
              <div className="hint">
                {Object.entries(a.labels)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(', ')}
              </div>
            )}
            {a.nodes !== undefined && (
              <div className="live-agent-stats">
                <span data-testid={`agent-nodes-${a.name}`}>
                  runs {a.nodes.length === 0 ? 'nothing' : a.nodes.join(', ')}
                </span>
                <span>{formatNumber(a.opsPerSecond ?? 0)} ops/s</span>
                <span>{formatNumber(a.unacked ?? 0)} unacked</span>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
