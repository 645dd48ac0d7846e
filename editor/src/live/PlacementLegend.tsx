import { agentColour, HUB_COLOUR, planAgents } from './agent-colours';
import { plural } from '../text/count';
import { useLive } from './live-context';

/**
 * Which colour is which agent on the canvas and how many nodes each runs or holds, and what the
 * last re-placement could not satisfy (the plan shown stays in force).
 */
export function PlacementLegend() {
  const plan = useLive((s) => s.details?.placement);
  const problems = useLive((s) => s.details?.problems);
  if (!plan) return null;
  const agents = planAgents(plan);
  // A node an agent both runs and holds (an operator's output) counts once.
  const ids = [...new Set([...Object.keys(plan.nodes), ...Object.keys(plan.variables)])];
  const runs = (a: string) =>
    ids.filter((id) => plan.nodes[id]?.includes(a) || plan.variables[id]?.includes(a)).length;
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
            {a} <span className="hint">· {plural(runs(a), 'node')}</span>
          </li>
        ))}
        <li data-testid="legend-hub">
          <span className="live-swatch" style={{ background: HUB_COLOUR }} aria-hidden="true" />
          hub only <span className="hint">· state no agent holds</span>
        </li>
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
