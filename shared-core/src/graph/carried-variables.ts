import { typeSpecToString } from '../crdt/type-spec.js';
import { replicatedVariables } from '../program/deployment-share.js';
import { valuesEqual, type Value } from '../values/value.js';
import type { GraphDocument } from './graph-document.js';
import type { GraphNode } from './graph-node.js';
import { findNodeType } from './node-catalog.js';
import { isDynamicVariable, variableTypeSpec } from './variable-params.js';

/** Why a replicated variable of the new revision starts empty. */
export type ResetReason =
  /** No replicated variable of that id ran before. */
  | 'new'
  | 'type-changed'
  | 'params-changed'
  /** Other states feed it: an operator's inputs, or the sources a variable is bound to. */
  | 'inputs-changed'
  /** A state it is computed from starts empty. */
  | 'upstream-changed';

export interface VariableReset {
  variable: string;
  reason: ResetReason;
  /** For `upstream-changed`: the changed node it is derived from. */
  from?: string;
  /** The reason in words: "params changed", "derived from changed node ads". */
  message: string;
}

/** What a redeploy of `next` in place of `previous` keeps. */
export interface CarryOver {
  /** The replicated variables of `next` that start from the previous deployment's state. */
  carried: string[];
  /** The other replicated variables of `next`, each with why it starts empty. */
  reset: VariableReset[];
  /**
   * The enforce_once triggers and side-effecting sinks whose performed effects carry over, so
   * that the carried state does not make them act a second time.
   */
  effects: string[];
}

/** Why a node's state (or local value) cannot be taken from the previous deployment. */
interface Change {
  reason: ResetReason | 'dynamic';
  /** The node that changed itself, where a chain of derivations starts. */
  root: string;
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

/** How node `next` differs from `before` in itself (not through its inputs), if it does. */
function ownChange(before: GraphNode | undefined, next: GraphNode): Change | undefined {
  const root = next.id;
  if (!before) return { reason: 'new', root, message: 'new' };
  if (isDynamicVariable(next)) {
    return { reason: 'dynamic', root, message: 'dynamic: local to each replica' };
  }
  if (isDynamicVariable(before)) {
    return { reason: 'new', root, message: 'was dynamic, so no replica kept its state' };
  }
  if (before.kind !== next.kind || before.type !== next.type) {
    const was = before.kind === next.kind ? before.type : `${before.kind} ${before.type}`;
    return { reason: 'type-changed', root, message: `type changed (was ${was})` };
  }
  if (next.kind === 'variable' && specText(before) !== specText(next)) {
    const message = `params changed (${specText(before)} → ${specText(next)})`;
    return { reason: 'params-changed', root, message };
  }
  if (next.kind === 'operator' && !sameParams(before, next)) {
    return { reason: 'params-changed', root, message: 'params changed' };
  }
  return undefined;
}

function derivedFrom(upstream: Change): Change {
  const { root } = upstream;
  const message =
    upstream.reason === 'dynamic'
      ? `derived from ${root}, a dynamic variable no replica keeps`
      : `derived from changed node ${root}`;
  return { reason: 'upstream-changed', root, message };
}

/**
 * Which replicated variables of `next` may start from `previous`'s state when `next` replaces
 * it. A variable is carried when a replicated variable of the same id, type and type params ran
 * before and — when it is derived (an operator's output, or a variable bound to other states) —
 * its operator (type and params, expressions included), the states it is derived from (by
 * handle) and theirs, transitively, are all unchanged. Writers (triggers, sources, people poking
 * it) do not derive a variable: their writes are operations like any other, so a trigger's new
 * threshold resets nothing. Positions, labels and placement never matter.
 */
export function carriedVariables(previous: GraphDocument, next: GraphDocument): CarryOver {
  const was = new Revision(previous);
  const now = new Revision(next);
  const changes = new Map<string, Change | undefined>();
  for (const id of now.upstreamFirst()) {
    let change = ownChange(was.nodes.get(id), now.nodes.get(id) as GraphNode);
    if (!change && now.stateInputs(id) !== was.stateInputs(id)) {
      change = { reason: 'inputs-changed', root: id, message: 'inputs changed' };
    }
    const upstream = change
      ? undefined
      : now
          .stateSources(id)
          .map((source) => changes.get(source))
          .find(Boolean);
    changes.set(id, upstream ? derivedFrom(upstream) : change);
  }

  const carried: string[] = [];
  const reset: VariableReset[] = [];
  for (const variable of [...replicatedVariables(next).keys()].sort()) {
    const change = changes.get(variable);
    if (!change) carried.push(variable);
    else if (change.reason === 'upstream-changed') {
      reset.push({ variable, reason: change.reason, from: change.root, message: change.message });
    } else {
      // A replicated variable is never dynamic; only what it is derived from can be.
      const reason = change.reason === 'dynamic' ? 'new' : change.reason;
      reset.push({ variable, reason, message: change.message });
    }
  }

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
  return { carried, reset, effects };
}

/** The nodes whose effects the hub's ledger records once per deployment. */
function performsEffects(node: GraphNode): boolean {
  if (node.kind === 'trigger') return node.params.mode === 'enforce_once';
  return node.kind === 'sink' && findNodeType(node.kind, node.type)?.sideEffects === true;
}
