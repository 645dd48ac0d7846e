import {
  findNodeType,
  graphNodeSchema,
  type GraphDocument,
  type GraphNode,
  type NodeKind,
} from '@inflow/shared-core';
import { plural } from '../text/count';
import { layoutPositions } from './auto-layout';
import { checkConnection, type ConnectionVerdict } from './connection-check';
import {
  addEdge,
  addNode,
  emptyDocument,
  moveNodes,
  removeElements,
  renameNode,
  updateNode,
  type EdgeEnds,
  type XY,
} from './document-edits';
import { EMPTY_HISTORY, recordEdit, redoStep, undoStep, type History } from './history';
import { importDocument } from './import-document';
import type { EditorState, SliceCreator } from './store-types';
import { TEMPLATES } from './templates';
import { newlyUnreadable } from './validation';
import { addNodeOnWire, type LooseWire } from './wire-drop';

export interface DocumentSlice {
  doc: GraphDocument;
  history: History;
  /** Applies `change` as one undo step; consecutive edits with the same `coalesce` key merge. */
  edit(change: (doc: GraphDocument) => GraphDocument, coalesce?: string): void;
  /**
   * Makes `next` the document as one undo step, unless it would bring a problem that keeps the
   * core from storing or opening it (over its limits); then it shows `refused` and the reason,
   * changes nothing and returns false.
   */
  editWithinLimits(next: GraphDocument, refused: string): boolean;
  /** Replaces the document and forgets its history (opening a graph, a template, an import). */
  resetDocument(doc: GraphDocument): void;
  undo(): void;
  redo(): void;
  addNodeOfType(kind: NodeKind, type: string, position: XY): string | undefined;
  /** Adds a node that takes a wire dropped on empty canvas, node and edge as one undo step. */
  addNodeOnWire(kind: NodeKind, type: string, position: XY, wire: LooseWire): string | undefined;
  /** Adds the edge if the core would accept it; otherwise records why not. */
  connect(ends: EdgeEnds): ConnectionVerdict;
  updateNode(id: string, change: (node: GraphNode) => GraphNode, coalesce?: string): void;
  /** Gives a node a new id; returns why not when the id is malformed or taken. */
  renameNodeId(id: string, newId: string): string | undefined;
  deleteSelection(): void;
  autoLayout(): void;
  /**
   * Opens a graph file's text (a draft too) as a new, unsaved graph; a bad file changes nothing.
   * `confirm` (discarding unsaved changes) is asked only once the file is known to be a graph.
   */
  importText(text: string, confirm?: () => boolean): boolean;
  loadTemplate(id: string): boolean;
}

/** Drops selected ids that no longer name an element of `doc`. */
function keepExisting(
  state: EditorState,
  doc: GraphDocument,
): Pick<EditorState, 'selectedNodeIds' | 'selectedEdgeIds'> {
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  const selectedNodeIds = state.selectedNodeIds.filter((id) => nodes.has(id));
  const selectedEdgeIds = state.selectedEdgeIds.filter((id) => edges.has(id));
  return {
    selectedNodeIds:
      selectedNodeIds.length === state.selectedNodeIds.length
        ? state.selectedNodeIds
        : selectedNodeIds,
    selectedEdgeIds:
      selectedEdgeIds.length === state.selectedEdgeIds.length
        ? state.selectedEdgeIds
        : selectedEdgeIds,
  };
}

export const createDocumentSlice: SliceCreator<DocumentSlice> = (set, get, deps) => {
  const openAsNew = (doc: GraphDocument, what: string, problems = 0) => {
    get().resetDocument(doc);
    set({ remote: undefined, saved: undefined, conflict: undefined, importProblems: undefined });
    get().fitAll();
    const left =
      problems === 0
        ? ''
        : `, with ${plural(problems, 'problem')} to fix before it can be deployed (see Problems)`;
    get().showStatus('info', `${what} opened as a new graph${left}; Save stores it on the server`);
  };

  return {
    doc: emptyDocument(),
    history: EMPTY_HISTORY,

    edit: (change, coalesce) => {
      const state = get();
      const next = change(state.doc);
      if (next === state.doc) return;
      set({
        doc: next,
        history: recordEdit(state.history, state.doc, coalesce, deps.now()),
        ...keepExisting(state, next),
        // A refused connection's reason names the graph as it was; an edit moves on from it.
        connectionError: undefined,
      });
    },

    editWithinLimits: (next, refused) => {
      const why = newlyUnreadable(get().doc, next);
      if (why !== undefined) {
        get().showStatus('error', `${refused}, ${why}`);
        return false;
      }
      get().edit(() => next);
      return true;
    },

    resetDocument: (doc) =>
      set({
        doc,
        history: EMPTY_HISTORY,
        selectedNodeIds: [],
        selectedEdgeIds: [],
        dragPositions: undefined,
        pasteCount: 0,
      }),

    undo: () => {
      const state = get();
      const step = undoStep(state.history, state.doc);
      if (step) set({ ...step, ...keepExisting(state, step.doc) });
    },

    redo: () => {
      const state = get();
      const step = redoStep(state.history, state.doc);
      if (step) set({ ...step, ...keepExisting(state, step.doc) });
    },

    addNodeOfType: (kind, type, position) => {
      const spec = findNodeType(kind, type);
      if (!spec) return undefined;
      const { doc, id } = addNode(get().doc, spec, position);
      if (!get().editWithinLimits(doc, `Not added: with a new ${spec.label}`)) return undefined;
      get().select([id]);
      return id;
    },

    addNodeOnWire: (kind, type, position, wire) => {
      const spec = findNodeType(kind, type);
      const added = spec && addNodeOnWire(get().doc, spec, wire, position);
      if (!added || !get().editWithinLimits(added.doc, `Not added: with a new ${spec.label}`)) {
        return undefined;
      }
      get().select([added.id]);
      return added.id;
    },

    connect: (ends) => {
      const verdict = checkConnection(get().doc, ends);
      if (!verdict.ok) {
        set({ connectionError: verdict.reason });
        return verdict;
      }
      get().edit((doc) => addEdge(doc, ends).doc);
      set({ connectionError: undefined });
      if (verdict.warnings.length > 0) {
        get().showStatus('info', `Connected; still to fix: ${verdict.warnings.join('; ')}`);
      }
      return verdict;
    },

    updateNode: (id, change, coalesce) =>
      get().edit((doc) => updateNode(doc, id, change), coalesce),

    renameNodeId: (id, newId) => {
      if (id === newId) return undefined;
      const parsed = graphNodeSchema.shape.id.safeParse(newId);
      if (!parsed.success) return `the id ${parsed.error.issues[0]?.message ?? 'is invalid'}`;
      if (get().doc.nodes.some((n) => n.id === newId)) return `\`${newId}\` is already a node's id`;
      get().edit((doc) => renameNode(doc, id, newId));
      const sizes = { ...get().nodeSizes };
      const size = sizes[id];
      if (size) sizes[newId] = size;
      delete sizes[id];
      set({ nodeSizes: sizes, selectedNodeIds: [newId] });
      return undefined;
    },

    deleteSelection: () => {
      const { selectedNodeIds, selectedEdgeIds } = get();
      get().edit((doc) => removeElements(doc, selectedNodeIds, selectedEdgeIds));
      get().clearSelection();
    },

    autoLayout: () => {
      const { doc, nodeSizes } = get();
      get().edit((d) => moveNodes(d, layoutPositions(doc, nodeSizes)));
      get().fitAll();
    },

    importText: (text, confirm) => {
      const result = importDocument(text);
      if (!result.ok) {
        set({ importProblems: result.problems });
        const problems = plural(result.problems.length, 'problem');
        get().showStatus('error', `Import refused: ${problems}; nothing changed`);
        return false;
      }
      if (confirm && !confirm()) return false;
      openAsNew(result.doc, `"${result.doc.name}"`, result.problems.length);
      return true;
    },

    loadTemplate: (id) => {
      const template = TEMPLATES.find((t) => t.id === id);
      const result = template ? importDocument(template.text) : undefined;
      if (!template || !result?.ok) {
        get().showStatus('error', `The ${id} template cannot be read`);
        return false;
      }
      openAsNew(result.doc, `The ${template.label} template`);
      return true;
    },
  };
};
