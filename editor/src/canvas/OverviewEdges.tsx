import { getBezierPath, useStore, useStoreApi, type InternalNode } from '@xyflow/react';
import { getEdgePosition } from '@xyflow/system';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useEditor } from '../store/editor-context';
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

interface Part {
  d: string;
  stroke: Stroke;
}

/** Drawn in this order, so a selected edge lies over the rest. */
const STROKES: readonly Stroke[] = ['state', 'action', 'problem', 'selected'];

/** One path per stroke, of all the edges given as its subpaths. */
function joined(paths: readonly Part[]) {
  const by = new Map<Stroke, string[]>();
  for (const { d, stroke } of paths) {
    const ds = by.get(stroke);
    if (ds) ds.push(d);
    else by.set(stroke, [d]);
  }
  return STROKES.flatMap((stroke) => {
    const ds = by.get(stroke);
    return ds ? [{ stroke, d: ds.join('') }] : [];
  });
}

const sameParts = (a: readonly Part[], b: readonly Part[]) =>
  a.length === b.length && a.every((p, i) => p.d === b[i]?.d && p.stroke === b[i].stroke);

/** The nodes being dragged, as one string (a new object on every move would render anew). */
const draggedIds = (positions: Readonly<Record<string, unknown>> | undefined) =>
  positions ? Object.keys(positions).join('\n') : '';

const EdgeLayer = memo(function EdgeLayer({ paths }: { paths: readonly Part[] }) {
  return (
    <svg className="overview-edge">
      {joined(paths).map(({ stroke, d }) => (
        <path key={stroke} className={`overview-edge-${stroke}`} d={d} />
      ))}
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
 *
 * The edges of the nodes being dragged are drawn apart from the rest, which are one path per
 * colour that the drag leaves alone: the browser repaints, and React compares, a few paths on
 * each frame of a drag. With one SVG per edge, each frame of a drag past the pane's edge laid
 * out, repainted and re-layered all 624, and left unrendered they took most of its late frames
 * with them.
 */
export function OverviewEdges({ edges }: { edges: readonly GraphFlowEdge[] }) {
  // Each node moved, measured or replaced renders this again; a pan or zoom does not.
  useStore((s) => s.nodes);
  const draggedKey = useEditor((s) => draggedIds(s.dragPositions));
  const dragged = useMemo(
    () => new Set(draggedKey === '' ? [] : draggedKey.split('\n')),
    [draggedKey],
  );
  // Found once: React Flow's ViewportPortal looks for it again on every change to its store.
  const domNode = useStore((s) => s.domNode);
  const [portal, setPortal] = useState<Element | null>(null);
  useEffect(
    () => setPortal(domNode?.querySelector('.react-flow__viewport-portal') ?? null),
    [domNode],
  );
  const { nodeLookup, connectionMode } = useStoreApi<GraphFlowNode, GraphFlowEdge>().getState();
  const drawn = useRef(new Map<string, Drawn>());
  // The edges left alone, as last drawn: kept while they are the same, so their layer is not
  // rendered again while a drag moves others.
  const stillDrawn = useRef<readonly Part[]>([]);
  const still: Part[] = [];
  const moving: Part[] = [];
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
    const moved = dragged.has(edge.source) || dragged.has(edge.target);
    (moved ? moving : still).push({ d, stroke: strokeOf(edge) });
  }
  drawn.current = next;
  if (!sameParts(still, stillDrawn.current)) stillDrawn.current = still;
  if (!portal) return null;
  return createPortal(
    <div className="overview-edges" data-testid="overview-edges" aria-hidden="true">
      <EdgeLayer paths={stillDrawn.current} />
      <EdgeLayer paths={moving} />
    </div>,
    portal,
  );
}
