import {
  findNodeType,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
  type NodeKind,
} from '@inflow/shared-core';
import type { Edge, Node } from '@xyflow/react';
import type { Size } from './auto-layout';
import type { XY } from './document-edits';

/** A node of the document and how many problems blame it (drawn with a count). */
export type GraphNodeData = { node: GraphNode; problems: number };
export type GraphFlowNode = Node<GraphNodeData, NodeKind>;
export type GraphFlowEdge = Edge<{ action: boolean }>;

export interface FlowInputs {
  doc: GraphDocument;
  selectedNodeIds: readonly string[];
  selectedEdgeIds: readonly string[];
  nodeSizes: Readonly<Record<string, Size>>;
  dragPositions: Readonly<Record<string, XY>> | undefined;
  /** Nodes and edges some problem blames: a node shows the count, an edge the error colour. */
  problemNodes: ReadonlyMap<string, number>;
  problemEdges: ReadonlyMap<string, number>;
}

/** Whether an edge carries actions (drawn dashed), from the source handle's catalog entry. */
export function carriesActions(nodes: ReadonlyMap<string, GraphNode>, edge: GraphEdge): boolean {
  const source = nodes.get(edge.source);
  const spec = source && findNodeType(source.kind, source.type);
  return spec?.outputs.find((h) => h.id === edge.sourceHandle)?.carries === 'action';
}

/**
 * Derives React Flow's nodes and edges from the document. Unchanged elements keep their object
 * identity between calls, so React Flow re-renders only what moved or changed.
 */
export function createFlowDerivation() {
  let nodeCache = new Map<string, GraphFlowNode>();
  let edgeCache = new Map<string, GraphFlowEdge>();

  const nodes = (input: FlowInputs): GraphFlowNode[] => {
    const selected = new Set(input.selectedNodeIds);
    const next = new Map<string, GraphFlowNode>();
    const out = input.doc.nodes.map((node) => {
      const position = input.dragPositions?.[node.id] ?? node.position;
      const measured = input.nodeSizes[node.id];
      const isSelected = selected.has(node.id);
      const problems = input.problemNodes.get(node.id) ?? 0;
      const old = nodeCache.get(node.id);
      const flow: GraphFlowNode =
        old &&
        old.data.node === node &&
        old.data.problems === problems &&
        old.position === position &&
        old.measured === measured &&
        old.selected === isSelected
          ? old
          : {
              id: node.id,
              type: node.kind,
              position,
              data: { node, problems },
              selected: isSelected,
              ...(measured ? { measured } : {}),
              ariaLabel: `${node.kind} ${node.label ?? node.id} (${node.type})`,
            };
      next.set(node.id, flow);
      return flow;
    });
    nodeCache = next;
    return out;
  };

  const edges = (
    input: Pick<FlowInputs, 'doc' | 'selectedEdgeIds' | 'problemEdges'>,
  ): GraphFlowEdge[] => {
    const selected = new Set(input.selectedEdgeIds);
    const byId = new Map(input.doc.nodes.map((n) => [n.id, n]));
    const next = new Map<string, GraphFlowEdge>();
    const out = input.doc.edges.map((edge) => {
      const isSelected = selected.has(edge.id);
      const broken = input.problemEdges.has(edge.id);
      const old = edgeCache.get(edge.id);
      const action = carriesActions(byId, edge);
      const className = `${action ? 'edge-action' : 'edge-state'}${broken ? ' edge-problem' : ''}`;
      const flow: GraphFlowEdge =
        old &&
        old.target === edge.target &&
        old.targetHandle === edge.targetHandle &&
        old.source === edge.source &&
        old.sourceHandle === edge.sourceHandle &&
        old.selected === isSelected &&
        old.className === className
          ? old
          : {
              id: edge.id,
              source: edge.source,
              sourceHandle: edge.sourceHandle,
              target: edge.target,
              targetHandle: edge.targetHandle,
              selected: isSelected,
              className,
              animated: action,
              data: { action },
              ariaLabel: `edge from ${edge.source}.${edge.sourceHandle} to ${edge.target}.${edge.targetHandle}`,
            };
      next.set(edge.id, flow);
      return flow;
    });
    edgeCache = next;
    return out;
  };

  return { nodes, edges };
}
