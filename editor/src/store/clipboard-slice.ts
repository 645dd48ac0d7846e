import type { GraphDocument } from '@inflow/shared-core';
import { plural } from '../text/count';
import { DEFAULT_NODE_SIZE } from './auto-layout';
import {
  copyFragment,
  fragmentText,
  pasteFragment,
  readClipboard,
  type Fragment,
} from './clipboard';
import type { XY } from './document-edits';
import type { EditorState, SliceCreator } from './store-types';

export interface ClipboardSlice {
  /** What Copy took, for Paste and the right-click menu's "Paste here". */
  clipboard: Fragment | undefined;
  /** The text Copy put on the system clipboard, to tell this tab's copy from another's. */
  clipboardText: string | undefined;
  pasteCount: number;
  /**
   * Where the pointer is over the canvas (flow coordinates), undefined when it is elsewhere. A
   * function the canvas registers, read at paste time: a store field set on every pointer move
   * would run every subscriber's selector on every move.
   */
  canvasPointer: () => XY | undefined;
  setCanvasPointer(source: (() => XY | undefined) | undefined): void;
  /** Copies the selected nodes (and the edges among them); returns them as a graph document. */
  copySelection(): string | undefined;
  /** Copies the selection, then deletes it (one undo step). */
  cutSelection(): string | undefined;
  /**
   * Pastes the clipboard with its top-left node at `at` (flow coordinates), else at the pointer
   * when it is over the canvas (a step further on each paste at the same spot), else each paste a
   * step further from the copied nodes. Brings them into view when they land out of it.
   */
  paste(at?: XY): void;
  /**
   * Pastes what the system clipboard holds: this tab's copy as `paste` does, or nodes copied in
   * another tab (or a graph file's text) below the graph, in view. False when it holds no graph,
   * and the status says why.
   */
  pasteText(text: string): boolean;
  /** Copies the selected nodes (and the edges between them) beside themselves, clipboard untouched. */
  duplicateSelection(): void;
}

const PASTE_OFFSET = 40;
const GAP_BELOW = 80;

/** The shift that puts the fragment's top-left corner at `at`. */
const offsetTo = (fragment: Fragment, at: XY): XY => ({
  x: at.x - Math.min(...fragment.nodes.map((n) => n.position.x)),
  y: at.y - Math.min(...fragment.nodes.map((n) => n.position.y)),
});

/** Where a fragment from elsewhere goes: under the graph's lowest node, from its left edge. */
function belowGraph(state: EditorState): XY | undefined {
  const { doc, nodeSizes } = state;
  if (doc.nodes.length === 0) return undefined;
  const left = Math.min(...doc.nodes.map((n) => n.position.x));
  const bottom = Math.max(
    ...doc.nodes.map((n) => n.position.y + (nodeSizes[n.id] ?? DEFAULT_NODE_SIZE).height),
  );
  return { x: left, y: bottom + GAP_BELOW };
}

const noPointer = (): XY | undefined => undefined;

const sameSpot = (a: XY, b: XY | undefined): b is XY =>
  b !== undefined && a.x === b.x && a.y === b.y;

const applyPaste = (get: () => EditorState, doc: GraphDocument): boolean =>
  get().editWithinLimits(doc, 'Not pasted: with these nodes');

/** Pasted nodes are selected, brought into view if they landed out of it, and counted. */
function showPasted(get: () => EditorState, pasted: { nodeIds: string[]; edgeIds: string[] }) {
  get().select(pasted.nodeIds, pasted.edgeIds);
  get().focusNodes(pasted.nodeIds, { ifHidden: true });
  get().showStatus('info', `Pasted ${plural(pasted.nodeIds.length, 'node')}`);
}

export const createClipboardSlice: SliceCreator<ClipboardSlice> = (set, get) => {
  // Per store, not state: only paste reads it, to tell a repeated paste at the same spot.
  let lastPointerPaste: { at: XY; count: number } | undefined;
  return {
    clipboard: undefined,
    clipboardText: undefined,
    pasteCount: 0,
    canvasPointer: noPointer,
    setCanvasPointer: (source) => set({ canvasPointer: source ?? noPointer }),

    copySelection: () => {
      const fragment = copyFragment(get().doc, get().selectedNodeIds);
      if (!fragment) return undefined;
      const text = fragmentText(get().doc.name, fragment);
      set({ clipboard: fragment, clipboardText: text, pasteCount: 0 });
      get().showStatus('info', `Copied ${plural(fragment.nodes.length, 'node')}`);
      return text;
    },

    cutSelection: () => {
      const text = get().copySelection();
      if (text === undefined) return undefined;
      const n = get().clipboard?.nodes.length ?? 0;
      get().deleteSelection();
      // The nodes are gone, so the first paste puts them back where they were.
      set({ pasteCount: -1 });
      get().showStatus('info', `Cut ${plural(n, 'node')}`);
      return text;
    },

    paste: (at) => {
      const { clipboard, pasteCount } = get();
      if (!clipboard || clipboard.nodes.length === 0) {
        get().showStatus('info', 'Nothing to paste: no nodes have been copied');
        return;
      }
      const pointer = at ? undefined : get().canvasPointer();
      // Pasting again without moving the pointer must not hide the last paste under this one.
      const step = pointer && sameSpot(pointer, lastPointerPaste?.at) ? lastPointerPaste.count : 0;
      let offset: XY;
      if (at) offset = offsetTo(clipboard, at);
      else if (pointer) {
        const there = offsetTo(clipboard, pointer);
        offset = { x: there.x + PASTE_OFFSET * step, y: there.y + PASTE_OFFSET * step };
      } else {
        const shift = PASTE_OFFSET * (pasteCount + 1);
        offset = { x: shift, y: shift };
      }
      const pasted = pasteFragment(get().doc, clipboard, offset);
      if (!applyPaste(get, pasted.doc)) return;
      if (pointer) lastPointerPaste = { at: pointer, count: step + 1 };
      else if (!at) set({ pasteCount: pasteCount + 1 });
      showPasted(get, pasted);
    },

    pasteText: (text) => {
      if (text === get().clipboardText) {
        const before = get().doc;
        get().paste();
        return get().doc !== before;
      }
      const reading = readClipboard(text);
      if (!reading.ok) {
        get().showStatus(reading.kind, `Nothing to paste: ${reading.reason}`);
        return false;
      }
      const { fragment } = reading;
      const at = belowGraph(get());
      const offset = at ? offsetTo(fragment, at) : { x: 0, y: 0 };
      const pasted = pasteFragment(get().doc, fragment, offset);
      if (!applyPaste(get, pasted.doc)) return false;
      // The next paste of the same text lands a step from this one, as a copy made here would.
      set({
        clipboard: copyFragment(pasted.doc, pasted.nodeIds),
        clipboardText: text,
        pasteCount: 0,
      });
      showPasted(get, pasted);
      return true;
    },

    duplicateSelection: () => {
      const fragment = copyFragment(get().doc, get().selectedNodeIds);
      if (!fragment) return;
      const pasted = pasteFragment(get().doc, fragment, { x: PASTE_OFFSET, y: PASTE_OFFSET });
      if (!applyPaste(get, pasted.doc)) return;
      get().select(pasted.nodeIds, pasted.edgeIds);
    },
  };
};
