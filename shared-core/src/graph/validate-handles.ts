import { endKey, isConnected, type GraphContext } from './graph-context.js';
import type { GraphProblem } from './graph-problem.js';
import { edgeProblem, handleName, nodeProblem } from './problem-builders.js';

/** "The watched state." → "the watched state" */
const needs = (description: string) =>
  description.charAt(0).toLowerCase() + description.slice(1).replace(/\.$/, '');

/** Single-input handles with several edges, and required handles with none. */
export function validateHandles(ctx: GraphContext, problems: GraphProblem[]): void {
  const firstInto = new Map<string, string>();
  for (const entry of ctx.edges) {
    if (entry.input.multiple) continue;
    const key = endKey(entry.target.node.id, entry.input.id);
    const first = firstInto.get(key);
    if (first === undefined) {
      firstInto.set(key, entry.edge.id);
      continue;
    }
    const message = `${handleName(entry.target.node.id, entry.input.id)} takes a single edge, and edge ${first} already enters it`;
    problems.push(edgeProblem('too-many-edges', entry, message));
  }

  for (const entry of ctx.nodes.values()) {
    const { node, spec } = entry;
    for (const input of spec.inputs) {
      if (!input.required || isConnected(ctx.connectedInputs, node.id, input.id)) continue;
      const message = `input \`${input.id}\` is not connected; ${spec.type} needs ${needs(input.description)}`;
      problems.push(nodeProblem('unconnected-input', entry, message));
    }
    for (const output of spec.outputs) {
      if (!output.required || isConnected(ctx.connectedOutputs, node.id, output.id)) continue;
      const message = `output \`${output.id}\` of ${spec.type} is not connected to any variable, so it does nothing`;
      problems.push(nodeProblem('unconnected-output', entry, message));
    }
  }
}
