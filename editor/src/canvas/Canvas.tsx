import { NODE_KINDS, type NodeKind } from '@inflow/shared-core';
import {
  ControlButton,
  Controls,
  getViewportForBounds,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, type DragEvent } from 'react';
import { applyEdgeChanges, applyNodeChanges } from '../store/canvas-changes';
import { checkConnection, sameSideReason } from '../store/connection-check';
import type { XY } from '../store/document-edits';
import { useEditor, useEditorStore } from '../store/editor-context';
import {
  createFlowDerivation,
  type GraphFlowEdge,
  type GraphFlowNode,
} from '../store/flow-elements';
import { problemIndexOf } from '../store/validation';
import { DetailLevelContext, detailLevelAt } from './detail-level';
import { EmptyCanvasHint } from './EmptyCanvasHint';
import { NODE_TYPES } from './kind-nodes';
import { DotGrid } from './DotGrid';
import { OverviewEdges } from './OverviewEdges';
import { READABLE_ZOOM, readableStart, revealCentre, shownWhole } from './reveal';
import { useCanvasContextMenu } from './use-context-menu';

/** The drag-and-drop payload of a palette item: `kind/type`. */
export const PALETTE_MIME = 'application/x-inflow-node';

const KIND_COLOURS: Record<NodeKind, string> = {
  variable: '#2f6fde',
  operator: '#8a4fd8',
  trigger: '#d9822b',
  source: '#2a9d6a',
  sink: '#6b7280',
};

const MIN_ZOOM = 0.1;

const NO_EDGES: GraphFlowEdge[] = [];

/** The dot grid's spacing, in flow units. */
const GRID_GAP = 20;
/** In the overview, every fifth dot: under 6 px apart, dots are a grey texture, not a grid. */
const OVERVIEW_GRID_GAP = 5 * GRID_GAP;

/**
 * From this many nodes, a view in full detail renders only the nodes in it (and their edges), as
 * tldraw culls its shapes: a card off screen still costs its share of every live update's style
 * and layout work. Zoomed out to low detail, most of a graph is in view, and culling would only
 * add React Flow's visibility pass to every frame.
 */
const CULL_FROM_NODES = 300;

const isKind = (x: string): x is NodeKind => (NODE_KINDS as readonly string[]).includes(x);

// Module level: a new function each render would re-render every node of the minimap with it,
// on every step of a drag.
const minimapColour = (n: GraphFlowNode) =>
  isKind(n.type ?? '') ? KIND_COLOURS[n.type as NodeKind] : '#999';

const endsOf = (c: {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}) =>
  c.sourceHandle && c.targetHandle
    ? {
        source: c.source,
        sourceHandle: c.sourceHandle,
        target: c.target,
        targetHandle: c.targetHandle,
      }
    : undefined;

/** The React Flow canvas, driven entirely from the store's document (controlled). */
export function Canvas() {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const selectedNodeIds = useEditor((s) => s.selectedNodeIds);
  const selectedEdgeIds = useEditor((s) => s.selectedEdgeIds);
  const nodeSizes = useEditor((s) => s.nodeSizes);
  const dragPositions = useEditor((s) => s.dragPositions);
  const focus = useEditor((s) => s.focus);
  const detail = useStore((s) => detailLevelAt(s.transform[2]));
  const { screenToFlowPosition, fitView, setViewport, setCenter, getNodesBounds } = useReactFlow<
    GraphFlowNode,
    GraphFlowEdge
  >();
  const flowStore = useStoreApi();

  const contextMenu = useCanvasContextMenu();

  const derive = useMemo(createFlowDerivation, []);
  const { byNode: problemNodes, byEdge: problemEdges } = problemIndexOf(doc);
  const nodes = useMemo(
    () =>
      derive.nodes({
        doc,
        selectedNodeIds,
        selectedEdgeIds,
        nodeSizes,
        dragPositions,
        problemNodes,
        problemEdges,
      }),
    [
      derive,
      doc,
      selectedNodeIds,
      selectedEdgeIds,
      nodeSizes,
      dragPositions,
      problemNodes,
      problemEdges,
    ],
  );
  // Edges do not depend on positions or sizes: a drag or a resize must not hand React Flow a
  // new edge array, which it would index again.
  const edges = useMemo(
    () => derive.edges({ doc, selectedEdgeIds, problemEdges }),
    [derive, doc, selectedEdgeIds, problemEdges],
  );
  // In the overview OverviewEdges draws the edges, and React Flow is given none.
  const overview = detail === 'overview';

  // The store asks for every fit (opening a graph, auto-layout) and every reveal (a problem, a
  // node found); React Flow's own `fitView` prop would also fit the first node dropped on an
  // empty canvas, zooming in to the maximum. A request waits until React Flow has measured the
  // nodes, or fitting would use no sizes.
  const done = useRef(0);
  const measured = doc.nodes.every((n) => nodeSizes[n.id] !== undefined);
  // Only once every node was measured: a fit, and React Flow's test of what is in view, need sizes.
  const cull = detail === 'full' && measured && doc.nodes.length >= CULL_FROM_NODES;
  useEffect(() => {
    if (!focus || done.current === focus.seq || !measured) return;
    done.current = focus.seq;
    const options = { padding: 0.2, duration: 250, maxZoom: 1.25 };
    // An empty graph has nothing to fit: start it at the natural size instead.
    if (focus.all && doc.nodes.length === 0) void setViewport({ x: 0, y: 0, zoom: 1 });
    else if (focus.all) {
      const { width, height } = flowStore.getState();
      const bounds = getNodesBounds(doc.nodes.map((n) => n.id));
      const fit = getViewportForBounds(bounds, width, height, MIN_ZOOM, options.maxZoom, 0.2);
      if (focus.whole || fit.zoom >= READABLE_ZOOM) void fitView(options);
      else void setViewport(readableStart(bounds, { width, height }), { duration: 250 });
    } else if (focus.nodeIds.length > 0) {
      const { width, height, transform } = flowStore.getState();
      const bounds = getNodesBounds([...focus.nodeIds]);
      if (focus.ifHidden && shownWhole(bounds, transform, { width, height })) return;
      const centre = revealCentre(bounds, { width, height, zoom: transform[2] });
      if (centre) void setCenter(centre.x, centre.y, { zoom: centre.zoom, duration: 250 });
      else void fitView({ ...options, nodes: focus.nodeIds.map((id) => ({ id })) });
    }
  }, [focus, measured, doc, fitView, setViewport, setCenter, getNodesBounds, flowStore]);

  // React Flow unselects the edges it knows when the user selects on the canvas. In the overview
  // it knows none, so a selection made there takes nodes only, and a click on the pane clears it.
  const unselectEdgesInOverview = useCallback(() => {
    const state = store.getState();
    if (overview && state.selectedEdgeIds.length > 0) state.select(state.selectedNodeIds);
  }, [store, overview]);
  const onNodesChange = useCallback(
    (changes: NodeChange<GraphFlowNode>[]) => {
      applyNodeChanges(store, changes);
      if (changes.some((c) => c.type === 'select')) unselectEdgesInOverview();
    },
    [store, unselectEdgesInOverview],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<GraphFlowEdge>[]) => applyEdgeChanges(store, changes),
    [store],
  );

  // Called while a connection is dragged over a handle: the reason shows before the drop.
  const isValidConnection = useCallback<IsValidConnection<GraphFlowEdge>>(
    (c) => {
      const ends = endsOf(c);
      if (!ends) return false;
      const verdict = checkConnection(store.getState().doc, ends);
      store.getState().setConnectionError(verdict.ok ? undefined : verdict.reason);
      return verdict.ok;
    },
    [store],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      const ends = endsOf(c);
      if (ends) store.getState().connect(ends);
    },
    [store],
  );
  const onConnectStart = useCallback(() => store.getState().setConnectionError(undefined), [store]);
  const { openForWire } = contextMenu;
  const onConnectEnd = useCallback<OnConnectEnd>(
    (event, state) => {
      const start = state.fromHandle;
      // Dropped on empty canvas: offer the types that can take the wire, as Node-RED and n8n do.
      const pointer = 'changedTouches' in event ? event.changedTouches[0] : event;
      const onPane =
        event.target instanceof Element && event.target.classList.contains('react-flow__pane');
      if (onPane && !state.toHandle && start?.id && pointer) {
        const wire = { nodeId: start.nodeId, handleId: start.id, from: start.type };
        openForWire(wire, { x: pointer.clientX, y: pointer.clientY });
        return;
      }
      if (state.isValid !== false || !state.fromHandle?.id || !state.toHandle?.id) return;
      const [from, to] = [state.fromHandle, state.toHandle];
      const end = (h: typeof from) => ({ nodeId: h.nodeId, id: h.id ?? '', type: h.type });
      const sameSide = sameSideReason(end(from), end(to));
      if (sameSide) return store.getState().setConnectionError(sameSide);
      const [src, dst] = from.type === 'source' ? [from, to] : [to, from];
      if (!src.id || !dst.id) return;
      const verdict = checkConnection(store.getState().doc, {
        source: src.nodeId,
        sourceHandle: src.id,
        target: dst.nodeId,
        targetHandle: dst.id,
      });
      if (!verdict.ok) store.getState().setConnectionError(verdict.reason);
    },
    [store, openForWire],
  );

  // Where the pointer last was over the canvas, for a paste from the keyboard to land there. Read
  // at paste time (in flow coordinates of the view then), so moving the pointer re-renders nothing.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let pointer: XY | undefined;
    const onMove = (e: PointerEvent) => void (pointer = { x: e.clientX, y: e.clientY });
    const onLeave = () => void (pointer = undefined);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerleave', onLeave);
    store.getState().setCanvasPointer(() => pointer && screenToFlowPosition(pointer));
    return () => {
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerleave', onLeave);
      store.getState().setCanvasPointer(undefined);
    };
  }, [store, screenToFlowPosition]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const [kind, type] = e.dataTransfer.getData(PALETTE_MIME).split('/');
      if (kind === undefined || type === undefined || !isKind(kind)) return;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      store.getState().addNodeOfType(kind, type, at);
    },
    [store, screenToFlowPosition],
  );

  return (
    <div
      ref={box}
      className={detail === 'full' ? 'canvas' : 'canvas is-zoomed-out'}
      data-detail={detail}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <DetailLevelContext.Provider value={detail}>
        <ReactFlow<GraphFlowNode, GraphFlowEdge>
          nodes={nodes}
          edges={overview ? NO_EDGES : edges}
          nodeTypes={NODE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onPaneClick={unselectEdgesInOverview}
          onConnect={onConnect}
          onConnectStart={onConnectStart}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          {...contextMenu.handlers}
          deleteKeyCode={null}
          onlyRenderVisibleElements={cull}
          minZoom={MIN_ZOOM}
          maxZoom={2}
          data-testid="canvas"
          aria-label="Graph canvas"
        >
          <DotGrid gap={overview ? OVERVIEW_GRID_GAP : GRID_GAP} />
          {overview && <OverviewEdges edges={edges} />}
          <Controls aria-label="Zoom controls">
            <ControlButton
              onClick={() => store.getState().setFindOpen(true)}
              title="Find a node (Ctrl+F)"
              aria-label="Find a node"
              data-testid="find-node-button"
            >
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <circle
                  cx="6.5"
                  cy="6.5"
                  r="4.5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                />
                <path d="M10 10l4.5 4.5" stroke="currentColor" strokeWidth="2" />
              </svg>
            </ControlButton>
          </Controls>
          <MiniMap pannable zoomable ariaLabel="Minimap" nodeColor={minimapColour} />
        </ReactFlow>
      </DetailLevelContext.Provider>
      <EmptyCanvasHint />
      {contextMenu.menu}
    </div>
  );
}
