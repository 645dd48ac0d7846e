import { typeSpecToString } from '../crdt/type-spec.js';
import type { GraphContext, KnownNode, ResolvedEdge } from './graph-context.js';
import type { GraphProblem } from './graph-problem.js';
import { nodeTypeSpec, outputPortType } from './port-resolution.js';
import { describeAccepts, portFits, type PortType } from './port-type.js';
import { edgeProblem, handleName } from './problem-builders.js';

/** `gcounter`, `a number`, `actions`: what a node puts on an edge, for messages. */
export function describeSource(t: PortType): string {
  switch (t.port) {
    case 'state':
      return `${t.dynamic ? 'dynamic ' : ''}${typeSpecToString(t.spec)}`;
    case 'value':
      return 'a number';
    case 'action':
      return 'actions';
  }
}

const targetLabel = (n: KnownNode) => (n.node.kind === 'variable' ? '' : ` (${n.node.type})`);

/** Why `edge` joins ports of different types, or undefined when they fit (or cannot be known). */
export function connectionMismatch(edge: ResolvedEdge): string | undefined {
  const t = outputPortType(edge.source, edge.output);
  if (!t) return undefined;
  const ownType = nodeTypeSpec(edge.target);
  if (edge.input.accepts === 'own-type' && !ownType && t.port === 'state') return undefined;
  if (portFits(t, edge.input.accepts, ownType)) return undefined;
  return (
    `node \`${edge.source.node.id}\` (${describeSource(t)}) cannot connect to ` +
    `${handleName(edge.target.node.id, edge.input.id)}${targetLabel(edge.target)}, ` +
    `which takes ${describeAccepts(edge.input.accepts, ownType)}`
  );
}

export function validatePorts(ctx: GraphContext, problems: GraphProblem[]): void {
  for (const edge of ctx.edges) {
    const mismatch = connectionMismatch(edge);
    if (mismatch) problems.push(edgeProblem('type-mismatch', edge, mismatch));
  }
}
