import type { AnyCrdtType } from '../crdt/crdt-type.js';
import { Runtime } from '../dataflow/runtime.js';
import type { GraphDocument } from '../graph/graph-document.js';
import type { PlacementPlan } from '../placement/placement-types.js';
import { installGraph, type GraphShare } from './graph-program.js';
import { heldState } from './held-state.js';

/** A graph's lattice variables, with their types, split by where their state lives. */
export interface LatticeVariables {
  /**
   * Those that replicate through the hub: every variable not declared dynamic, and every
   * operator output that is a lattice state (set operators, fold_dynamic). A fold's result is a
   * local value and is not among them.
   */
  replicated: Map<string, AnyCrdtType>;
  /** Those declared dynamic: each replica keeps its own state, and the hub keeps none. */
  local: Map<string, AnyCrdtType>;
}

/**
 * Found by installing the graph on a scratch runtime, so the answer is the one the runtime itself
 * gives.
 */
export function latticeVariables(graph: GraphDocument): LatticeVariables {
  const runtime = new Runtime({ replica: 'scratch' });
  installGraph(runtime, graph);
  const found: LatticeVariables = { replicated: new Map(), local: new Map() };
  for (const id of runtime.ids()) {
    const v = runtime.variable(id);
    if (v.kind === 'lattice' && v.type)
      (v.dynamic ? found.local : found.replicated).set(id, v.type);
  }
  return found;
}

/** The lattice variables of a graph that replicate through the hub (see `LatticeVariables`). */
export function replicatedVariables(graph: GraphDocument): Map<string, AnyCrdtType> {
  return latticeVariables(graph).replicated;
}

/**
 * What one agent runs of a placed graph: the nodes placed on it, plus every fold whose local
 * result one of them reads (a fold's result is not replicated, so it is computed where it is
 * read), and every variable all of those read or write. The hub and the agent both derive the
 * agent's rooms from it (`variables` ∩ `replicatedVariables`).
 */
export function agentShare(graph: GraphDocument, plan: PlacementPlan, agent: string): GraphShare {
  const nodes = new Set(
    Object.entries(plan.nodes)
      .filter(([, agents]) => agents.includes(agent))
      .map(([id]) => id),
  );
  const variables = new Set(
    Object.entries(plan.variables)
      .filter(([, agents]) => agents.includes(agent))
      .map(([id]) => id),
  );
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const isFold = (id: string) => {
    const n = byId.get(id);
    return n?.kind === 'operator' && n.type === 'fold';
  };
  for (const id of variables) if (isFold(id)) nodes.add(id);
  const pending = [...nodes, ...variables];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    for (const e of graph.edges) {
      if (e.target !== id || !isFold(e.source) || nodes.has(e.source)) continue;
      nodes.add(e.source);
      pending.push(e.source);
    }
  }
  const held = heldState(graph, nodes, variables);
  for (const id of nodes) if (isFold(id)) held.delete(id);
  return { nodes: [...nodes].sort(), variables: [...held].sort() };
}
