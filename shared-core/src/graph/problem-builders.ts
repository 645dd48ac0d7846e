import type { GraphEdge } from './graph-edge.js';
import type { GraphNode } from './graph-node.js';
import type { GraphProblem, GraphProblemCode } from './graph-problem.js';

type Extra = Omit<GraphProblem, 'code' | 'message' | 'nodeId'>;

/** A problem with a node, its message prefixed so it reads on its own in a list. */
export const nodeProblem = (
  code: GraphProblemCode,
  node: { node: GraphNode; index: number },
  message: string,
  extra: Extra = {},
): GraphProblem => ({
  code,
  message: `node \`${node.node.id}\`: ${message}`,
  nodeId: node.node.id,
  ...extra,
  path: extra.path ?? ['nodes', node.index],
});

export const edgeProblem = (
  code: GraphProblemCode,
  edge: { edge: GraphEdge; index: number },
  message: string,
  extra: Omit<GraphProblem, 'code' | 'message' | 'edgeId'> = {},
): GraphProblem => ({
  code,
  message: `edge ${edge.edge.id}: ${message}`,
  edgeId: edge.edge.id,
  ...extra,
  path: extra.path ?? ['edges', edge.index],
});

/** `ads.left`, the way messages name a handle. */
export const handleName = (nodeId: string, handleId: string) => `\`${nodeId}.${handleId}\``;
