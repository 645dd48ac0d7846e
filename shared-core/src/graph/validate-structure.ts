import {
  ANY_HANDLE,
  endKey,
  type GraphContext,
  type KnownNode,
  type ResolvedEdge,
} from './graph-context.js';
import type { GraphProblem } from './graph-problem.js';
import { findNodeType, nodeTypesOfKind } from './node-catalog.js';
import { edgeProblem, nodeProblem } from './problem-builders.js';
import type { ShapeResult } from './validate-shape.js';
import { describeZodIssue, issuesToTell } from './zod-issue-message.js';

const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/**
 * Resolves nodes to catalog types and edges to handles, reporting duplicate ids, unknown types,
 * bad params, dangling edges and unknown handles. What cannot be resolved is left out of the
 * context, so later checks do not report its consequences a second time.
 */
export function buildContext(shape: ShapeResult, problems: GraphProblem[]): GraphContext {
  const nodes = new Map<string, KnownNode>();
  const seenNodes = new Map<string, number>();
  for (const entry of shape.nodes) {
    const { node, index } = entry;
    const first = seenNodes.get(node.id);
    if (first !== undefined) {
      const message = `the id is already used by nodes[${first}]; node ids must be unique`;
      problems.push(nodeProblem('duplicate-id', entry, message, { path: ['nodes', index, 'id'] }));
      continue;
    }
    seenNodes.set(node.id, index);
    const spec = findNodeType(node.kind, node.type);
    if (!spec) {
      const known = nodeTypesOfKind(node.kind).map((s) => s.type);
      const message = `unknown ${node.kind} type \`${node.type}\`; the ${node.kind} types are ${known.join(', ')}`;
      problems.push(
        nodeProblem('unknown-type', entry, message, { path: ['nodes', index, 'type'] }),
      );
      continue;
    }
    const parsed = spec.params.safeParse(node.params);
    if (!parsed.success) {
      for (const issue of issuesToTell(parsed.error.issues)) {
        const path = [
          'nodes',
          index,
          'params',
          ...issue.path.map((k) => (typeof k === 'number' ? k : String(k))),
        ];
        const message = `${node.type}: ${describeZodIssue(issue, node.params, ['params'])}`;
        problems.push(nodeProblem('invalid-param', entry, message, { path }));
      }
    }
    nodes.set(node.id, { ...entry, spec, paramsOk: parsed.success });
  }

  const connectedInputs = new Set<string>();
  const connectedOutputs = new Set<string>();
  for (const raw of shape.rawEdges) {
    if (typeof raw !== 'object' || raw === null) continue;
    const e = raw as Record<string, unknown>;
    // A malformed edge's handle may be what is wrong with it: it still counts as drawn.
    const [source, target] = [str(e.source), str(e.target)];
    if (source !== undefined)
      connectedOutputs.add(endKey(source, str(e.sourceHandle) ?? ANY_HANDLE));
    if (target !== undefined)
      connectedInputs.add(endKey(target, str(e.targetHandle) ?? ANY_HANDLE));
  }

  const edges: ResolvedEdge[] = [];
  const seenEdges = new Map<string, number>();
  for (const entry of shape.edges) {
    const { edge, index } = entry;
    const first = seenEdges.get(edge.id);
    if (first !== undefined) {
      const message = `the id is already used by edges[${first}]; edge ids must be unique`;
      problems.push(edgeProblem('duplicate-id', entry, message, { path: ['edges', index, 'id'] }));
      continue;
    }
    seenEdges.set(edge.id, index);
    const ends = [
      { side: 'source', id: edge.source },
      { side: 'target', id: edge.target },
    ] as const;
    let resolvable = true;
    for (const { side, id } of ends) {
      if (seenNodes.has(id) || shape.malformedNodeIds.has(id)) {
        resolvable &&= nodes.has(id);
        continue;
      }
      resolvable = false;
      const message = `its ${side} \`${id}\` is not a node of this graph`;
      problems.push(edgeProblem('dangling-edge', entry, message, { path: ['edges', index, side] }));
    }
    if (!resolvable) continue;
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target) continue;
    const output = source.spec.outputs.find((h) => h.id === edge.sourceHandle);
    const input = target.spec.inputs.find((h) => h.id === edge.targetHandle);
    // An edge drawn to a wrong handle still shows the user meant to connect the node.
    if (!output) connectedOutputs.add(endKey(source.node.id, ANY_HANDLE));
    if (!input) connectedInputs.add(endKey(target.node.id, ANY_HANDLE));
    if (!output) {
      const message = `node \`${source.node.id}\` (${source.node.type}) has no output \`${edge.sourceHandle}\`; ${handleList('output', source.spec.outputs)}`;
      problems.push(
        edgeProblem('unknown-handle', entry, message, { path: ['edges', index, 'sourceHandle'] }),
      );
    }
    if (!input) {
      const message = `node \`${target.node.id}\` (${target.node.type}) has no input \`${edge.targetHandle}\`; ${handleList('input', target.spec.inputs)}`;
      problems.push(
        edgeProblem('unknown-handle', entry, message, { path: ['edges', index, 'targetHandle'] }),
      );
    }
    if (output && input) edges.push({ ...entry, source, target, output, input });
  }

  return { nodes, edges, connectedInputs, connectedOutputs };
}

function handleList(what: 'input' | 'output', handles: readonly { id: string }[]): string {
  const ids = handles.map((h) => `\`${h.id}\``);
  if (ids.length === 0) return `it has no ${what}s`;
  return ids.length === 1 ? `its only ${what} is ${ids[0]}` : `its ${what}s are ${ids.join(', ')}`;
}
