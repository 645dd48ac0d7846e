import { getBezierPath, useStore, useStoreApi, type InternalNode } from '@xyflow/react';
import { getEdgePosition } from '@xyflow/system';
import { memo, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { GraphFlowEdge, GraphFlowNode } from '../store/flow-elements';

/** How the overview strokes an edge: as the edge classes of canvas.css colour them. */
type Stroke = 'state' | 'action' | 'problem' | 'selected';

function strokeOf(edge: GraphFlowEdge): Stroke {
  if (edge.selected) return 'selected';
  // flow-elements.ts marks a broken edge by its class only.
  if (edge.className?.includes('edge-problem')) return 'problem';
  return edge.data?.action ? 'action' : 'state';
}

interface Drawn {
  source: InternalNode<GraphFlowNode>;
  target: InternalNode<GraphFlowNode>;
  d: string;
}

// One SVG per edge, as React Flow draws them: a moved node then repaints only its own edges,
// where one path for all, or one SVG of paths, had the browser draw every edge again.
const EdgePath = memo(function EdgePath({ d, stroke }: { d: string; stroke: Stroke }) {
  return (
    <svg className="overview-edge">
      <path className={`overview-edge-${stroke}`} d={d} />
    </svg>
  );
});

/**
 * The edges of the overview (detail-level.ts), drawn as plain SVG paths instead of React Flow
 * edges. Every mounted React Flow edge works out its position again on every change to React
 * Flow's store: in a drag past the pane's edge over 625 nodes, where each frame both pans and
 * moves a node, those 624 edges made most frames two refreshes long (a hidden edge still works
 * it out). Drawn here, the edges are a picture, too thin at this zoom to click or select; a
 * selected or broken one keeps its colour. An edge's path is worked out again only when one of
 * its nodes changed.
 */
export function OverviewEdges({ edges }: { edges: readonly GraphFlowEdge[] }) {
  // Each node moved, measured or replaced renders this again; a pan or zoom does not.
  useStore((s) => s.nodes);
  // Found once: React Flow's ViewportPortal looks for it again on every change to its store.
  const domNode = useStore((s) => s.domNode);
  const [portal, setPortal] = useState<Element | null>(null);
  useEffect(
    () => setPortal(domNode?.querySelector('.react-flow__viewport-portal') ?? null),
    [domNode],
  );
  const { nodeLookup, connectionMode } = useStoreApi<GraphFlowNode, GraphFlowEdge>().getState();
  const drawn = useRef(new Map<string, Drawn>());
  const paths: Array<{ id: string; d: string; stroke: Stroke }> = [];
  const next = new Map<string, Drawn>();
  for (const edge of edges) {
    const source = nodeLookup.get(edge.source);
    const target = nodeLookup.get(edge.target);
    if (!source || !target) continue;
    const old = drawn.current.get(edge.id);
    let d = old?.source === source && old.target === target ? old.d : undefined;
    if (d === undefined) {
      const at = getEdgePosition({
        id: edge.id,
        sourceNode: source,
        sourceHandle: edge.sourceHandle ?? null,
        targetNode: target,
        targetHandle: edge.targetHandle ?? null,
        connectionMode,
      });
      // Not measured yet: React Flow draws no edge either.
      if (!at) continue;
      [d] = getBezierPath(at);
    }
    next.set(edge.id, { source, target, d });
    paths.push({ id: edge.id, d, stroke: strokeOf(edge) });
  }
  drawn.current = next;
  if (!portal) return null;
  return createPortal(
    <div className="overview-edges" data-testid="overview-edges" aria-hidden="true">
      {paths.map(({ id, d, stroke }) => (
        <EdgePath key={id} d={d} stroke={stroke} />
      ))}
    </div>,
    portal,
  );
}
