import type { SliceCreator } from './store-types';

/** A request to bring elements into view; `seq` makes repeating the same request observable. */
export interface FocusRequest {
  seq: number;
  nodeIds: readonly string[];
  /** Fit the whole graph instead of particular nodes. */
  all?: boolean;
  /**
   * With `all`: the whole graph at whatever zoom fits it. Without, a graph that would fit only
   * too small to read opens readable at its start (opening a graph, an auto-layout).
   */
  whole?: boolean;
  /** Leave the view alone when the nodes are in it already (a paste at the pointer). */
  ifHidden?: boolean;
}

export interface SelectionSlice {
  selectedNodeIds: readonly string[];
  selectedEdgeIds: readonly string[];
  focus: FocusRequest | undefined;
  select(nodeIds: readonly string[], edgeIds?: readonly string[]): void;
  clearSelection(): void;
  /** Centres on nodes (a problem's node, a pasted group); with `ifHidden`, only when out of view. */
  focusNodes(nodeIds: readonly string[], options?: { ifHidden?: boolean }): void;
  /** Brings the graph into view; `whole` fits all of it even when too small to read. */
  fitAll(options?: { whole?: boolean }): void;
}

const NONE: readonly string[] = [];

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selectedNodeIds: NONE,
  selectedEdgeIds: NONE,
  focus: undefined,
  select: (nodeIds, edgeIds = NONE) => set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds }),
  clearSelection: () => set({ selectedNodeIds: NONE, selectedEdgeIds: NONE }),
  focusNodes: (nodeIds, options) => {
    const seq = (get().focus?.seq ?? 0) + 1;
    const ifHidden = options?.ifHidden === true ? { ifHidden: true } : {};
    set({ focus: { seq, nodeIds: [...nodeIds], ...ifHidden } });
  },
  fitAll: (options) => {
    const seq = (get().focus?.seq ?? 0) + 1;
    const whole = options?.whole === true ? { whole: true } : {};
    set({ focus: { seq, nodeIds: NONE, all: true, ...whole } });
  },
});

/** The one node the inspector shows: the selection when exactly one node is selected. */
export const selectInspectedNodeId = (s: {
  selectedNodeIds: readonly string[];
}): string | undefined => (s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0] : undefined);
