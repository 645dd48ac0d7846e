import type { EdgeChange, NodeChange } from '@xyflow/react';
import { moveNodes, type XY } from './document-edits';
import type { EditorStore } from './editor-store';

/**
 * Folds React Flow's node changes into the store. The document stays the source of truth:
 * measured sizes and drag positions live beside it, and a drag becomes one edit when it ends.
 * Removals are ignored here because deleting goes through the store's own action (one undo step).
 */
export function applyNodeChanges(store: EditorStore, changes: readonly NodeChange[]): void {
  const state = store.getState();
  let sizes = state.nodeSizes;
  let drag = state.dragPositions;
  let selected: Set<string> | undefined;
  const commit: Record<string, XY> = {};
  let committing = false;
  let keyboardMove = false;

  for (const change of changes) {
    switch (change.type) {
      case 'dimensions': {
        const d = change.dimensions;
        const old = sizes[change.id];
        if (d && (old?.width !== d.width || old.height !== d.height)) {
          sizes = { ...sizes, [change.id]: { width: d.width, height: d.height } };
        }
        break;
      }
      case 'position':
        if (change.dragging === true) {
          if (change.position) drag = { ...drag, [change.id]: change.position };
        } else {
          const at = change.position ?? drag?.[change.id];
          if (at) commit[change.id] = at;
          committing = true;
          keyboardMove ||= change.dragging === undefined;
        }
        break;
      case 'select':
        selected ??= new Set(state.selectedNodeIds);
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
        break;
      default:
        break;
    }
  }

  if (committing) {
    // A multi-node drag ends with one change per node; any node not mentioned keeps its drag spot.
    const positions = { ...drag, ...commit };
    drag = undefined;
    state.edit((doc) => moveNodes(doc, positions), keyboardMove ? 'keyboard-move' : undefined);
  }
  const patch: Partial<ReturnType<EditorStore['getState']>> = {};
  if (sizes !== state.nodeSizes) patch.nodeSizes = sizes;
  if (drag !== state.dragPositions) patch.dragPositions = drag;
  if (selected) patch.selectedNodeIds = [...selected];
  if (Object.keys(patch).length > 0) store.setState(patch);
}

export function applyEdgeChanges(store: EditorStore, changes: readonly EdgeChange[]): void {
  let selected: Set<string> | undefined;
  for (const change of changes) {
    if (change.type !== 'select') continue;
    selected ??= new Set(store.getState().selectedEdgeIds);
    if (change.selected) selected.add(change.id);
    else selected.delete(change.id);
  }
  if (selected) store.setState({ selectedEdgeIds: [...selected] });
}
