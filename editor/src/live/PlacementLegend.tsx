import { useEditor } from '../store/editor-context';
import { agentColour, agentsOfNode, HUB_COLOUR, planAgents } from './agent-colours';
import { useLive } from './live-context';

/**
 * "runs 5 · holds 4": the nodes an agent runs, as the agents panel counts them, then the
 * variables it only keeps a replica of.
 */
function countsText(runs: number, holds: number): string {
  const ran = `runs ${runs}`;
  return holds === 0 ? ran : `${ran} · holds ${holds}`;
}

/**
 * Which colour is which agent on the canvas and how many nodes each runs or holds, the hub's own
 * colour when some node runs on no agent, and what the last re-placement could not satisfy (the
 * plan shown stays in force).
 */
export function PlacementLegend() {
  const doc = useEditor((s) => s.doc);
  const plan = useLive((s) => s.details?.placement);
  const problems = useLive((s) => s.details?.problems);
  if (!plan) return null;
  const agents = planAgents(plan);
  // An operator's output is both run and held by its agents: it counts as run.
  const runs = (a: string) => Object.keys(plan.nodes).filter((id) => plan.nodes[id]?.includes(a));
  const holds = (a: string) =>
    Object.keys(plan.variables).filter(
      (id) => plan.variables[id]?.includes(a) && !plan.nodes[id]?.includes(a),
    );
  const hubOnly = doc.nodes.some((n) => agentsOfNode(plan, n.id).length === 0);
  return (
    <section className="live-panel" aria-label="Placement legend" data-testid="placement-legend">
      <h3>Placement</h3>
      <ul className="live-legend">
        {agents.map((a) => (
          <li key={a} data-testid={`legend-${a}`}>
            <span
              className="live-swatch"
              style={{ background: agentColour(a) }}
              aria-hidden="true"
            />
            {a} <span className="hint">· {countsText(runs(a).length, holds(a).length)}</span>
          </li>
        ))}
        {hubOnly && (
          <li data-testid="legend-hub">
            <span className="live-swatch" style={{ background: HUB_COLOUR }} aria-hidden="true" />
            hub only <span className="hint">· state no agent holds</span>
          </li>
        )}
      </ul>
      {problems && problems.length > 0 && (
        <ul className="field-errors" role="alert" data-testid="placement-problems">
          {problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
