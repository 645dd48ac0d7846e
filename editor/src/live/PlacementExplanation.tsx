import { formatRateFigure, type NodeExplanation } from '@inflow/shared-core';
import { agentColour } from './agent-colours';

const RULES: Record<NodeExplanation['rule'], string> = {
  each: 'one replica on every agent that qualifies',
  pinned: 'pinned to an agent',
  kept: 'kept where it ran',
  scored: 'the best-scoring agent',
  held: 'held by the agents that use it',
};

function Agent({ name }: { name: string }) {
  return (
    <span className="live-agent-name">
      <span className="live-swatch" style={{ background: agentColour(name) }} aria-hidden="true" />
      {name}
    </span>
  );
}

/**
 * Why a node runs where it does: the one-line summary, the agents each hard constraint removed,
 * and every remaining candidate with its score by term, best first.
 */
export function PlacementExplanation({
  nodeId,
  agents,
  explanation,
}: {
  nodeId: string;
  agents: readonly string[];
  explanation: NodeExplanation | undefined;
}) {
  return (
    <section
      className="live-explanation"
      aria-label={`Placement of ${nodeId}`}
      data-testid="placement-explanation"
    >
      <h3>Placement</h3>
      <p data-testid="explanation-agents">
        Runs on{' '}
        {agents.length === 0
          ? 'the hub only'
          : agents.map((a, i) => (
              <span key={a}>
                {i > 0 && ', '}
                <Agent name={a} />
              </span>
            ))}
      </p>
      {explanation ? (
        <>
          <p className="live-rule" data-testid="explanation-rule" data-rule={explanation.rule}>
            Chosen as {RULES[explanation.rule]}
          </p>
          <p data-testid="explanation-summary">{explanation.summary}</p>
          {explanation.removed.length > 0 && (
            <ul
              className="live-removed"
              data-testid="explanation-removed"
              aria-label="Agents removed by hard constraints"
            >
              {explanation.removed.map((r) => (
                <li key={r.constraint} data-testid={`removed-${r.constraint}`}>
                  <strong>{r.constraint}</strong> removed {r.agents.join(', ')}
                </li>
              ))}
            </ul>
          )}
          {explanation.candidates.length > 0 && (
            <div className="live-candidates-scroll">
              <table className="live-candidates" data-testid="explanation-candidates">
                <caption>Candidates, best first (traffic, affinity and total in bytes/s)</caption>
                <thead>
                  <tr>
                    <th scope="col">agent</th>
                    <th scope="col">traffic</th>
                    <th scope="col">affinity</th>
                    <th scope="col">load</th>
                    <th scope="col">moves</th>
                    <th scope="col">total</th>
                  </tr>
                </thead>
                <tbody>
                  {explanation.candidates.map((c) => (
                    <tr
                      key={c.agent}
                      data-testid={`candidate-${c.agent}`}
                      className={agents.includes(c.agent) ? 'is-chosen' : undefined}
                    >
                      <th scope="row">
                        <Agent name={c.agent} />
                      </th>
                      <td>{formatRateFigure(c.traffic)}</td>
                      <td>{formatRateFigure(c.affinity)}</td>
                      <td>{c.load}</td>
                      <td>{c.moves ? 'yes' : 'no'}</td>
                      <td>{formatRateFigure(c.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : (
        <p className="hint">No explanation for this node in the plan.</p>
      )}
    </section>
  );
}
