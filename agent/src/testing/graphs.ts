import { readFileSync } from 'node:fs';
import { parseGraphJson, type GraphDocument } from '@inflow/shared-core';

// Graphs for the agent's tests, parsed the way the control plane parses a deployed graph.

function parse(json: string): GraphDocument {
  const parsed = parseGraphJson(json);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.graph;
}

const at = (y: number) => ({ x: 0, y });

/** Two plain variables: a gcounter `clicks` and an orset `names`. */
export function counterGraph(): GraphDocument {
  return parse(
    JSON.stringify({
      format: 'inflow-graph',
      version: 1,
      name: 'counter',
      nodes: [
        { id: 'clicks', kind: 'variable', type: 'gcounter', params: {}, position: at(0) },
        { id: 'names', kind: 'variable', type: 'orset', params: {}, position: at(100) },
      ],
      edges: [],
    }),
  );
}

/** The ad counter of `examples/`: orsets, set operators, a gmap and an enforce_once trigger. */
export function adCounterGraph(): GraphDocument {
  return parse(readFileSync(new URL('../../../examples/ad-counter.json', import.meta.url), 'utf8'));
}

/** A gcounter `clicks` whose every value a `webhook` sink POSTs to `url`. */
export function webhookGraph(url: string): GraphDocument {
  return parse(
    JSON.stringify({
      format: 'inflow-graph',
      version: 1,
      name: 'webhook',
      nodes: [
        { id: 'clicks', kind: 'variable', type: 'gcounter', params: {}, position: at(0) },
        {
          id: 'hook',
          kind: 'sink',
          type: 'webhook',
          params: { url },
          position: at(100),
          placement: { trustedOnly: true },
        },
      ],
      edges: [
        { id: 'e1', source: 'clicks', sourceHandle: 'out', target: 'hook', targetHandle: 'in' },
      ],
    }),
  );
}

/** The leaderboard of `examples/`: each client's own (dynamic) `scores`, folded to a global top 3. */
export function leaderboardGraph(): GraphDocument {
  return parse(
    readFileSync(new URL('../../../examples/leaderboard.json', import.meta.url), 'utf8'),
  );
}
