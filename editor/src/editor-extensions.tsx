import type { GraphNode } from '@inflow/shared-core';
import { createContext, useContext, type ComponentType, type ReactNode } from 'react';

/**
 * Extension points for features that live outside the drawing code (deploy, live values,
 * placement colours, poke controls): they plug components in here instead of editing the canvas.
 */
export interface EditorExtensions {
  /**
   * Rendered inside every canvas node, under its type line (a live value, a convergence badge).
   * It gets the node itself: hundreds of badges each subscribing to the document would all run
   * on every edit and every step of a drag.
   */
  NodeBadge?: ComponentType<{ nodeId: string; node: GraphNode }>;
  /** Rendered at the end of the inspector for the selected node (poke controls, placement). */
  InspectorSection?: ComponentType<{ nodeId: string }>;
  /** Extra toolbar content (a Deploy button). */
  toolbar?: ReactNode;
  /** Shown under the toolbar, across the page (a lost connection). */
  banner?: ReactNode;
  /** Extra side panels (agents, event log), under the inspector. */
  panels?: ReactNode;
}

const ExtensionsContext = createContext<EditorExtensions>({});

export function EditorExtensionsProvider({
  value,
  children,
}: {
  value: EditorExtensions;
  children: ReactNode;
}) {
  return <ExtensionsContext.Provider value={value}>{children}</ExtensionsContext.Provider>;
}

export const useEditorExtensions = (): EditorExtensions => useContext(ExtensionsContext);
