import type { SliceCreator } from './store-types';

/** A request to bring elements into view; `seq` makes repeating the same request observable. */
export interface FocusRequest {
  seq: number;
  nodeIds: readonly string[];
  /** Fit the whole graph instead of particular nodes. */
  all?: boolean;
}

export interface SelectionSlice {
  selectedNodeIds: readonly string[];
  selectedEdgeIds: readonly string[];
  focus: FocusRequest | undefined;
  select(nodeIds: readonly string[], edgeIds?: readonly string[]): void;
  clearSelection(): void;
  /** Selects and centres on nodes (a problem's node, a pasted group). */
  focusNodes(nodeIds: readonly string[]): void;
  fitAll(): void;
}

const NONE: readonly string[] = [];

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selectedNodeIds: NONE,
  selectedEdgeIds: NONE,
  focus: undefined,
  select: (nodeIds, edgeIds = NONE) => set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds }),
  clearSelection: () => set({ selectedNodeIds: NONE, selectedEdgeIds: NONE }),
  focusNodes: (nodeIds) =>
    set({ focus: { seq: (get().focus?.seq ?? 0) + 1, nodeIds: [...nodeIds] } }),
  fitAll: () => set({ focus: { seq: (get().focus?.seq ?? 0) + 1, nodeIds: NONE, all: true } }),
});

/** The one node the inspector shows: the selection when exactly one node is selected. */
export const selectInspectedNodeId = (s: {
  selectedNodeIds: readonly string[];
}): string | undefined => (s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0] : undefined);
