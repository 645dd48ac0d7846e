import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { Canvas } from './canvas/Canvas';
import { useEditorExtensions } from './editor-extensions';
import { Inspector } from './inspector/Inspector';
import { useGraphInUrl } from './io/use-graph-url';
import { useClipboard } from './keyboard/use-clipboard';
import { useShortcuts } from './keyboard/use-shortcuts';
import { ConflictBanner } from './panels/ConflictBanner';
import { FindNodeDialog } from './panels/FindNodeDialog';
import { GraphListDialog } from './panels/GraphListDialog';
import { HelpPanel } from './panels/HelpPanel';
import { ImportProblemsDialog, PasteImportDialog } from './panels/ImportDialog';
import { Palette } from './panels/Palette';
import { PanelToggles } from './panels/PanelToggles';
import { ProblemsPanel } from './panels/ProblemsPanel';
import { StatusLine } from './panels/StatusLine';
import { Toolbar } from './panels/Toolbar';
import { useNarrowWindow } from './panels/use-narrow-window';
import { useEditor, useEditorStore } from './store/editor-context';
import { selectDirty } from './store/remote-slice';
import { selectInspectedNodeId } from './store/selection-slice';

/** The signed-in editor: toolbar, palette, canvas, inspector, problems, dialogs. */
export function Workspace() {
  const store = useEditorStore();
  const { panels, banner } = useEditorExtensions();
  const hidden = useEditor((s) => s.hiddenPanels);
  const inspected = useEditor(selectInspectedNodeId);
  const side = useRef<HTMLDivElement>(null);
  const canvasArea = useRef<HTMLElement>(null);
  useShortcuts(store);
  useClipboard(store);
  useGraphInUrl(store);
  useNarrowWindow(store);

  // Another node's inspector starts at its top (its id and label), not where the last one was left.
  useEffect(() => {
    if (side.current) side.current.scrollTop = 0;
  }, [inspected]);

  useEffect(() => {
    void store.getState().refreshGraphs();
    // The browser asks before leaving a page with unsaved changes.
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (selectDirty(store.getState())) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [store]);

  return (
    <ReactFlowProvider>
      <div className="app">
        {/* First in Tab order: the canvas is otherwise behind the toolbar and the palette. Focus
            is moved by hand, as the URL's fragment is not ours to change. */}
        <a
          href="#canvas"
          className="skip-link"
          data-testid="skip-to-canvas"
          onClick={(e) => {
            e.preventDefault();
            canvasArea.current?.focus();
          }}
        >
          Skip to canvas
        </a>
        <h1 className="visually-hidden">Inflow editor</h1>
        <Toolbar />
        <ConflictBanner />
        {banner}
        <div
          className="workspace"
          data-palette={hidden.palette ? 'hidden' : 'shown'}
          data-side={hidden.side ? 'hidden' : 'shown'}
        >
          <Palette />
          <main
            id="canvas"
            className="canvas-area"
            aria-label="Canvas"
            tabIndex={-1}
            ref={canvasArea}
          >
            <PanelToggles />
            <Canvas />
          </main>
          <div id="side-panel" className="side" data-testid="side-panel" ref={side}>
            <Inspector />
            {panels}
          </div>
        </div>
        <ProblemsPanel />
        <StatusLine />
        <HelpPanel />
        <GraphListDialog />
        <FindNodeDialog />
        <ImportProblemsDialog />
        <PasteImportDialog />
      </div>
    </ReactFlowProvider>
  );
}
