import type { GraphProblem } from '@inflow/shared-core';
import type { XY } from './document-edits';
import type { Size } from './auto-layout';
import type { SliceCreator } from './store-types';

/** The panels beside the canvas that the user can hide, to give the canvas their room. */
export type SidePanel = 'palette' | 'side';

export interface StatusMessage {
  kind: 'info' | 'error';
  text: string;
}

export interface UiSlice {
  status: StatusMessage | undefined;
  /** Why the last attempted connection was refused; shown until the next attempt. */
  connectionError: string | undefined;
  /** What a refused import said, every problem of it. */
  importProblems: readonly GraphProblem[] | undefined;
  helpOpen: boolean;
  graphsOpen: boolean;
  /** The Paste JSON dialog, which shows a refused paste's problems itself. */
  pasteImportOpen: boolean;
  findOpen: boolean;
  hiddenPanels: Readonly<Record<SidePanel, boolean>>;
  /** Sizes React Flow measured, kept outside the document (they are not part of the graph). */
  nodeSizes: Readonly<Record<string, Size>>;
  /** Positions of nodes being dragged, committed to the document as one edit when the drag ends. */
  dragPositions: Readonly<Record<string, XY>> | undefined;
  showStatus(kind: StatusMessage['kind'], text: string): void;
  clearStatus(): void;
  setConnectionError(reason: string | undefined): void;
  setImportProblems(problems: readonly GraphProblem[] | undefined): void;
  setHelpOpen(open: boolean): void;
  setGraphsOpen(open: boolean): void;
  setPasteImportOpen(open: boolean): void;
  setFindOpen(open: boolean): void;
  togglePanel(panel: SidePanel): void;
  setPanelHidden(panel: SidePanel, hidden: boolean): void;
  /** Hides both panels, or shows both when both are hidden already. */
  togglePanels(): void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  status: undefined,
  connectionError: undefined,
  importProblems: undefined,
  helpOpen: false,
  graphsOpen: false,
  pasteImportOpen: false,
  findOpen: false,
  hiddenPanels: { palette: false, side: false },
  nodeSizes: {},
  dragPositions: undefined,
  showStatus: (kind, text) => set({ status: { kind, text } }),
  clearStatus: () => set({ status: undefined }),
  setConnectionError: (reason) => set({ connectionError: reason }),
  setImportProblems: (problems) => set({ importProblems: problems }),
  setHelpOpen: (open) => set({ helpOpen: open }),
  setGraphsOpen: (open) => set({ graphsOpen: open }),
  setPasteImportOpen: (open) => set({ pasteImportOpen: open, importProblems: undefined }),
  setFindOpen: (open) => set({ findOpen: open }),
  togglePanel: (panel) => {
    const hidden = get().hiddenPanels;
    set({ hiddenPanels: { ...hidden, [panel]: !hidden[panel] } });
  },
  setPanelHidden: (panel, hidden) => {
    const panels = get().hiddenPanels;
    if (panels[panel] !== hidden) set({ hiddenPanels: { ...panels, [panel]: hidden } });
  },
  togglePanels: () => {
    const { palette, side } = get().hiddenPanels;
    const hide = !(palette && side);
    set({ hiddenPanels: { palette: hide, side: hide } });
  },
});
