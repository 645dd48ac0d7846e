import { typeSpecToString } from '../crdt/type-spec.js';
import { latticeVariables } from '../program/deployment-share.js';
import { valuesEqual, type Value } from '../values/value.js';
import type { GraphDocument } from './graph-document.js';
import type { GraphNode } from './graph-node.js';
import { findNodeType } from './node-catalog.js';
import { isDynamicVariable, variableTypeSpec } from './variable-params.js';

/** Why a variable of the new revision starts empty (a local one: on every agent). */
export type ResetReason =
  /** No variable of that id and kind (replicated, or local to each agent) ran before. */
  | 'new'
  | 'type-changed'
  | 'params-changed'
  /** Other states feed it: an operator's inputs, or the sources a variable is bound to. */
  | 'inputs-changed'
  /** A state it is computed from starts empty. */
  | 'upstream-changed'
  /** A fold_dynamic: it holds each agent's value under the agent's replica id, new in every deployment. */
  | 'per-replica';

export interface VariableReset {
  variable: string;
  reason: ResetReason;
  /** For `upstream-changed`: the node, changed or starting empty itself, it is derived from. */
  from?: string;
  /** The reason in words: "params changed", "derived from changed node ads". */
  message: string;
}

/** What a redeploy of `next` in place of `previous` keeps. */
export interface CarryOver {
  /** The replicated variables of `next` that start from the previous deployment's state at the hub. */
  carried: string[];
  /** The other replicated variables of `next`, each with why it starts empty. */
  reset: VariableReset[];
  /**
   * The variables of `next` local to each agent (dynamic) that are unchanged: an agent that held
   * a copy in `previous` starts from its own copy; one newly placed with it starts empty.
   */
  carriedLocal: string[];
  /** The other local variables of `next`, each with why every agent's copy starts empty. */
  resetLocal: VariableReset[];
  /**
   * The enforce_once triggers and side-effecting sinks whose performed effects carry over, so
   * that the carried state does not make them act a second time.
   */
  effects: string[];
}

/**
 * Every variable a redeploy starts empty, as the deploy event and the editor name them: the
 * replicated ones, then those local to each agent, marked as such.
 */
export function startingEmpty(carry: {
  reset: readonly VariableReset[];
  resetLocal?: readonly VariableReset[];
}): VariableReset[] {
  const onEveryAgent = (r: VariableReset) => ({ ...r, variable: `${r.variable} (on every agent)` });
  return [...carry.reset, ...(carry.resetLocal ?? []).map(onEveryAgent)];
}

/** Why a node's state (or local value) cannot be taken from the previous deployment. */
interface Change {
  reason: ResetReason;
  /** The node that changed itself, where a chain of derivations starts. */
  root: string;
  /** How the chain's root is worded in what derives from it, however many hops away. */
  rootWords: string;
  message: string;
}

const isState = (n: GraphNode | undefined) => n?.kind === 'variable' || n?.kind === 'operator';

/** A revision's nodes by id, and the edges into and out of each node. */
class Revision {
  readonly nodes: Map<string, GraphNode>;
  private readonly into = new Map<string, Array<{ handle: string; source: string }>>();
  private readonly actions = new Map<string, string[]>();

  constructor(readonly graph: GraphDocument) {
    this.nodes = new Map(graph.nodes.map((n) => [n.id, n]));
    for (const e of graph.edges) {
      const list = this.into.get(e.target) ?? [];
      list.push({ handle: e.targetHandle, source: e.source });
      this.into.set(e.target, list);
      if (e.sourceHandle !== 'action') continue;
      this.actions.set(e.source, [...(this.actions.get(e.source) ?? []), e.target]);
    }
  }

  /** The states a node's state is computed or joined from (writers' actions left out). */
  stateSources(id: string): string[] {
    return (this.into.get(id) ?? [])
      .filter((i) => isState(this.nodes.get(i.source)))
      .map((i) => i.source);
  }

  /** The same, with the handle each one enters by (`left<a`), as a comparable key. */
  stateInputs(id: string): string {
    return (this.into.get(id) ?? [])
      .filter((i) => isState(this.nodes.get(i.source)))
      .map((i) => `${i.handle}<${i.source}`)
      .sort()
      .join(',');
  }

  /** Every node feeding `id`, whatever it carries. */
  sources(id: string): string {
    return (this.into.get(id) ?? [])
      .map((i) => `${i.handle}<${i.source}`)
      .sort()
      .join(',');
  }

  /** The variables a trigger's action reaches. */
  actionTargets(id: string): string[] {
    return [...(this.actions.get(id) ?? [])].sort();
  }

  /** The state nodes, each after every state it is derived from (validated: no state cycles). */
  upstreamFirst(): string[] {
    const order: string[] = [];
    const seen = new Set<string>();
    for (const start of this.graph.nodes.filter(isState)) {
      // Without recursion: a chain may be thousands of operators long.
      const stack = [{ id: start.id, expanded: false }];
      for (let top = stack.pop(); top; top = stack.pop()) {
        if (top.expanded) order.push(top.id);
        else if (!seen.has(top.id)) {
          seen.add(top.id);
          stack.push({ id: top.id, expanded: true });
          for (const source of this.stateSources(top.id)) {
            if (!seen.has(source)) stack.push({ id: source, expanded: false });
          }
        }
      }
    }
    return order;
  }
}

const sameParams = (a: GraphNode, b: GraphNode) =>
  valuesEqual(a.params as Value, b.params as Value);

const specText = (n: GraphNode) => {
  const spec = variableTypeSpec(n);
  return spec ? typeSpecToString(spec) : n.type;
};

const changed = (
  reason: ResetReason,
  root: string,
  message: string,
  rootWords = `changed node ${root}`,
): Change => ({ reason, root, rootWords, message });

/** How node `next` differs from `before` in itself (not through its inputs), if it does. */
function ownChange(before: GraphNode | undefined, next: GraphNode): Change | undefined {
  const root = next.id;
  if (!before) return changed('new', root, 'new');
  if (isDynamicVariable(next) && !isDynamicVariable(before)) {
    // The hub kept its state, but no agent has a copy of its own to start from.
    const message = 'became local to each agent, so no agent has a copy of it';
    return changed('new', root, message, `${root}, a dynamic variable no replica keeps`);
  }
  if (isDynamicVariable(before) && !isDynamicVariable(next)) {
    return changed('new', root, 'was dynamic, so no replica kept its state');
  }
  if (before.kind !== next.kind || before.type !== next.type) {
    const was = before.kind === next.kind ? before.type : `${before.kind} ${before.type}`;
    return changed('type-changed', root, `type changed (was ${was})`);
  }
  if (next.kind === 'variable' && specText(before) !== specText(next)) {
    const message = `params changed (${specText(before)} → ${specText(next)})`;
    return changed('params-changed', root, message);
  }
  if (next.kind === 'operator' && !sameParams(before, next)) {
    return changed('params-changed', root, 'params changed');
  }
  if (next.kind === 'operator' && next.type === 'fold_dynamic') {
    // Carried, it would keep every agent's old value, under the old id, beside the new one.
    const message =
      "holds each agent's value under its replica id, which is new in every deployment";
    return changed('per-replica', root, message, `${root}, which starts empty`);
  }
  return undefined;
}

/** The change of a state derived from `upstream`'s, worded after the chain's root. */
const derivedFrom = (upstream: Change): Change => ({
  ...upstream,
  reason: 'upstream-changed',
  message: `derived from ${upstream.rootWords}`,
});

/**
 * Which variables of `next` may start from `previous`'s state when `next` replaces it. A
 * variable is carried when a variable of the same id, type and type params, replicated or local
 * to each agent as it is, ran before and — when it is derived (an operator's output, or a
 * variable bound to other states) — its operator (type and params, expressions included), the
 * states it is derived from (by handle) and theirs, transitively, are all unchanged. A
 * replicated one is carried at the hub; a local one on each agent, from the agent's own copy
 * (see CarryOver). A fold_dynamic's output is never carried. Writers (triggers, sources, people
 * poking it) do not derive a variable: their writes are operations like any other, so a
 * trigger's new threshold resets nothing. Positions, labels and placement never matter.
 */
export function carriedVariables(previous: GraphDocument, next: GraphDocument): CarryOver {
  const was = new Revision(previous);
  const now = new Revision(next);
  const changes = new Map<string, Change | undefined>();
  for (const id of now.upstreamFirst()) {
    let change = ownChange(was.nodes.get(id), now.nodes.get(id) as GraphNode);
    if (!change && now.stateInputs(id) !== was.stateInputs(id)) {
      change = changed('inputs-changed', id, 'inputs changed');
    }
    const upstream = change
      ? undefined
      : now
          .stateSources(id)
          .map((source) => changes.get(source))
          .find(Boolean);
    changes.set(id, upstream ? derivedFrom(upstream) : change);
  }

  const { replicated, local } = latticeVariables(next);
  const split = (ids: Iterable<string>) => {
    const kept: string[] = [];
    const empty: VariableReset[] = [];
    for (const variable of [...ids].sort()) {
      const change = changes.get(variable);
      if (!change) kept.push(variable);
      else {
        const { reason, root, message } = change;
        const from = reason === 'upstream-changed' ? { from: root } : {};
        empty.push({ variable, reason, ...from, message });
      }
    }
    return { kept, empty };
  };
  const { kept: carried, empty: reset } = split(replicated.keys());
  const { kept: carriedLocal, empty: resetLocal } = split(local.keys());

  const kept = new Set(carried);
  const effects = next.nodes
    .filter((node) => {
      const before = was.nodes.get(node.id);
      if (!performsEffects(node) || !before || before.type !== node.type) return false;
      if (before.kind !== node.kind || !sameParams(before, node)) return false;
      // What it watches must be carried (by the same handles), and a trigger must act on the
      // same carried variables: when a target starts empty, the trigger has to act on it anew.
      if (now.sources(node.id) !== was.sources(node.id)) return false;
      if (now.stateSources(node.id).some((source) => changes.get(source))) return false;
      const targets = now.actionTargets(node.id);
      return (
        targets.join(',') === was.actionTargets(node.id).join(',') &&
        targets.every((t) => kept.has(t))
      );
    })
    .map((node) => node.id)
    .sort();
  return { carried, reset, carriedLocal, resetLocal, effects };
}

/** The nodes whose effects the hub's ledger records once per deployment. */
function performsEffects(node: GraphNode): boolean {
  if (node.kind === 'trigger') return node.params.mode === 'enforce_once';
  return node.kind === 'sink' && findNodeType(node.kind, node.type)?.sideEffects === true;
}
